package online.niso.fleet.inventory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import online.niso.fleet.remote.NodeStatus;

/** The observed state of every host, collected before planning. Sorted by host name. */
public record FleetSnapshot(Map<String, HostState> hosts) {

    public FleetSnapshot {
        hosts = java.util.Collections.unmodifiableMap(new TreeMap<>(hosts));
    }

    /** This snapshot with the hosts {@code newer} observed replaced by what it saw. */
    public FleetSnapshot with(FleetSnapshot newer) {
        Map<String, HostState> merged = new TreeMap<>(hosts);
        merged.putAll(newer.hosts);
        return new FleetSnapshot(merged);
    }

    public Optional<HostState> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    /**
     * Identity of what was observed (Nomad's -check-index): any activation, install, health change or
     * unreachable host since the plan was made changes it.
     */
    public String digest() {
        StringBuilder sb = new StringBuilder("snapshot/1\n");
        for (HostState h : hosts.values()) {
            if (h instanceof HostState.Unreachable u) {
                sb.append("unreachable\t").append(u.host()).append('\n');
                continue;
            }
            NodeStatus s = ((HostState.Reachable) h).status();
            sb.append("host\t").append(h.host()).append('\t').append(s.nisoVersion()).append('\n');
            for (NodeStatus.ServiceState v : s.services()) {
                sb.append("service\t").append(String.join("\t", v.name(), v.unit(), v.pkg(), v.version(), v.digest(),
                        v.previous().map(p -> p.version() + "\t" + p.digest()).orElse("-\t-"), v.activeState(),
                        v.subState(), v.health().wire(), v.since().map(Object::toString).orElse("-"),
                        v.definition().map(NodeStatus.Definition::digest).orElse("-"))).append('\n');
            }
            for (NodeStatus.InstalledPackage p : s.packages()) {
                sb.append("package\t").append(p.name()).append('\t').append(p.version()).append('\t').append(p.digest()).append('\n');
            }
        }
        return Digests.sha256(sb.toString());
    }
}
