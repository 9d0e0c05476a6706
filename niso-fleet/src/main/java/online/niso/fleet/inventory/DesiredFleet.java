package online.niso.fleet.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.FleetEnvironment;
import online.niso.common.model.HostSpec;
import online.niso.common.model.PackageRef;
import online.niso.common.model.RolloutPolicy;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;

/**
 * What one environment should run: per host (file order), the stack services placed on it (stack
 * order), each pinned to a local artifact's digest. Built by a pure function from parsed config and
 * the resolved artifacts.
 */
public record DesiredFleet(String environment, RolloutPolicy policy, List<DesiredHost> hosts) {

    public DesiredFleet {
        hosts = List.copyOf(hosts);
    }

    /** {@code config}: the stack's [[service]] entry, compared by digest with the host's stored definition. */
    public record DesiredService(String service, PackageRef pkg, String digest, Artifact artifact, StackService config) {
        /** A service with no overrides: the stack entry is only its name and package. */
        public DesiredService(String service, PackageRef pkg, String digest, Artifact artifact) {
            this(service, pkg, digest, artifact, plainConfig(service, pkg));
        }

        public String configDigest() {
            return online.niso.common.stack.ServiceConfigDigest.of(config);
        }
    }

    public static StackService plainConfig(String service, PackageRef pkg) {
        return new StackService(service, pkg, List.of(), List.of(), Map.of(), java.util.Optional.empty(), Map.of(),
                Map.of(), java.util.Optional.empty());
    }

    public record DesiredHost(HostSpec host, List<DesiredService> services) {
        public DesiredHost {
            services = List.copyOf(services);
        }

        public String name() {
            return host.name();
        }
    }

    public static DesiredFleet resolve(FleetEnvironment env, Stack stack, Map<PackageRef, Artifact> artifacts,
                                       RolloutPolicy policy) {
        List<DesiredHost> hosts = new ArrayList<>();
        for (HostSpec h : env.hosts()) {
            List<DesiredService> services = new ArrayList<>();
            for (StackService s : stack.services()) {
                if (env.hostsFor(s.name()).contains(h)) {
                    Artifact a = artifacts.get(s.pkg());
                    if (a == null) {
                        throw new InvalidInputException("no artifact resolved for " + s.pkg() + " (service " + s.name() + ")");
                    }
                    services.add(new DesiredService(s.name(), s.pkg(), a.digest(), a, s));
                }
            }
            hosts.add(new DesiredHost(h, services));
        }
        return new DesiredFleet(env.name(), policy, hosts);
    }

    /** Only the hosts whose names are in {@code names} (for --hosts), in file order. */
    public DesiredFleet onlyHosts(java.util.Set<String> names) {
        return new DesiredFleet(environment, policy, hosts.stream().filter(h -> names.contains(h.name())).toList());
    }

    public DesiredFleet withPolicy(RolloutPolicy p) {
        return new DesiredFleet(environment, p, hosts);
    }

    /**
     * Identity of the desired state: hosts, services, packages and digests (not file paths, which
     * differ between the machine that planned and the one that deploys).
     */
    public String digest() {
        StringBuilder sb = new StringBuilder("desired/1\n").append(environment).append('\n').append(policy).append('\n');
        for (DesiredHost h : hosts) {
            sb.append("host\t").append(h.name()).append('\t').append(h.host().address()).append('\n');
            for (DesiredService s : h.services()) {
                sb.append("service\t").append(s.service()).append('\t').append(s.pkg()).append('\t').append(s.digest())
                        .append('\t').append(s.configDigest()).append('\n');
            }
        }
        return Digests.sha256(sb.toString());
    }
}
