package online.niso.node.activate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkSpec;
import online.niso.node.net.AttachResult;
import online.niso.node.net.NetNames;

/**
 * Records what activation asks of networking; gives addresses 10.99.0.2, .3, ... kept per service (as IPAM
 * does) and every attached service's hosts entries, so the hosts files activation writes can be checked.
 */
final class FakeNetworking implements Networking {
    final List<String> calls = new ArrayList<>();
    final Map<String, String> attached = new TreeMap<>();
    final Map<String, String> networks = new TreeMap<>();
    private final Map<String, String> everAssigned = new TreeMap<>();
    boolean locked;
    int bootUnitInstalls;
    /** What each ensureBootUnit call was given of the boot unit's state (empty: it had to ask). */
    final List<Optional<Map<String, String>>> bootUnitObserved = new ArrayList<>();
    /** Called at each attach (e.g. to look at what systemd runs at that moment). */
    Runnable onAttach = () -> { };
    /** When set, the next attach fails with this message. */
    String failAttach;

    @Override
    public <T> T locked(Supplier<T> action) {
        if (locked) {
            throw new IllegalStateException("host lock is not re-entrant");
        }
        locked = true;
        try {
            return action.get();
        } finally {
            locked = false;
        }
    }

    @Override
    public AttachResult attach(String service, NetworkSpec spec) {
        requireLocked();
        calls.add("attach " + service + " " + String.join(",", spec.networks()) + " " + spec.ports());
        onAttach.run();
        if (failAttach != null) {
            String m = failAttach;
            failAttach = null;
            throw new online.niso.common.error.OperationFailedException(m);
        }
        String ip = everAssigned.computeIfAbsent(service, s -> "10.99.0." + (everAssigned.size() + 2));
        attached.put(service, ip);
        return new AttachResult(service, spec.network(), NetNames.netnsPath(service), IpAddress.parse(ip),
                entries(), hostsUpdates());
    }

    @Override
    public boolean ensureNetwork(String name, Cidr subnet) {
        requireLocked();
        String before = networks.putIfAbsent(name, subnet.toString());
        if (before != null && !before.equals(subnet.toString())) {
            throw new online.niso.common.error.InvalidInputException("network " + name + " exists with subnet " + before);
        }
        calls.add("ensure-network " + name + " " + subnet + (before == null ? " created" : " exists"));
        return before == null;
    }

    @Override
    public Map<String, List<String>> detach(String service) {
        requireLocked();
        calls.add("detach " + service);
        attached.remove(service);
        return hostsUpdates();
    }

    @Override
    public Optional<String> address(String service) {
        return Optional.ofNullable(attached.get(service));
    }

    @Override
    public void ensureBootUnit(Optional<Map<String, String>> observed) {
        bootUnitObserved.add(observed);
        if (locked) {
            throw new IllegalStateException("boot unit started under the host lock: `net restore` would deadlock");
        }
        bootUnitInstalls++;
    }

    Path netns(String service) {
        return NetNames.netnsPath(service);
    }

    private List<String> entries() {
        List<String> out = new ArrayList<>();
        attached.forEach((s, ip) -> out.add(ip + " " + s + NetNames.DNS_SUFFIX));
        return out;
    }

    private Map<String, List<String>> hostsUpdates() {
        Map<String, List<String>> out = new TreeMap<>();
        attached.keySet().forEach(s -> out.put(s, entries()));
        return out;
    }

    private void requireLocked() {
        if (!locked) {
            throw new IllegalStateException("attach/detach without the host lock");
        }
    }
}
