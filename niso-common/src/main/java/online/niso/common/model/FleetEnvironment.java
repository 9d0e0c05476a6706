package online.niso.common.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deployment target (e.g. "staging", "prod") with settings already merged over the file's
 * top-level defaults. {@code placement}: stack service → selector; services not listed run on
 * every host of the environment.
 */
public record FleetEnvironment(String name, List<HostSpec> hosts, SshSettings ssh, RolloutPolicy deploy,
                               Optional<java.net.URI> registry, Map<String, LabelSelector> placement) {
    public FleetEnvironment {
        hosts = List.copyOf(hosts);
        placement = Immutables.sorted(placement);
    }

    /** Hosts that run the service, in file order. */
    public List<HostSpec> hostsFor(String service) {
        LabelSelector s = placement.get(service);
        return s == null ? hosts : hosts.stream().filter(h -> s.matches(h.labels())).toList();
    }
}
