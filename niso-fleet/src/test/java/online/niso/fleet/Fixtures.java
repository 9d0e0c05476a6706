package online.niso.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.model.CountOrPercent;
import online.niso.common.model.HostSpec;
import online.niso.common.model.PackageRef;
import online.niso.common.model.RolloutPolicy;
import online.niso.common.model.SshAddress;
import online.niso.fleet.inventory.Artifact;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.remote.Health;
import online.niso.fleet.remote.NodeStatus;
import online.niso.fleet.remote.Release;

/** Builders for desired fleets and snapshots (Nomad's mock.Job()/mock.Alloc() in spirit). */
public final class Fixtures {
    public static final String D1 = digest('1');
    public static final String D2 = digest('2');
    public static final PackageRef API_1 = PackageRef.parse("hello-api:1.0.0");
    public static final PackageRef API_2 = PackageRef.parse("hello-api:2.0.0");
    public static final Path FILE_2 = Path.of("/artifacts/hello-api-2.0.0-amd64.niso");

    private Fixtures() {}

    public static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    public static HostSpec host(int n) {
        return new HostSpec("web-" + n, SshAddress.parse("ssh://root@10.0.0." + n), Map.of("role", "web"));
    }

    public static List<String> names(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add("web-" + i);
        }
        return out;
    }

    public static RolloutPolicy rolling(CountOrPercent maxParallel) {
        return policy(RolloutPolicy.Strategy.ROLLING, maxParallel, Optional.empty());
    }

    public static RolloutPolicy canary(CountOrPercent canary, CountOrPercent maxParallel) {
        return policy(RolloutPolicy.Strategy.CANARY, maxParallel, Optional.of(canary));
    }

    public static RolloutPolicy allAtOnce() {
        return policy(RolloutPolicy.Strategy.ALL_AT_ONCE, CountOrPercent.count(1), Optional.empty());
    }

    public static RolloutPolicy policy(RolloutPolicy.Strategy s, CountOrPercent maxParallel, Optional<CountOrPercent> canary) {
        return new RolloutPolicy(s, maxParallel, canary, true, Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofMinutes(10), true, Duration.ZERO);
    }

    /** {@code count} hosts web-1..web-N, each running service "api" from {@code ref}/{@code digest}. */
    public static DesiredFleet desired(RolloutPolicy policy, int count, PackageRef ref, String digest) {
        Artifact a = new Artifact(ref, digest, Path.of("/artifacts/" + ref.name() + "-" + ref.version() + "-amd64.niso"));
        List<DesiredFleet.DesiredHost> hosts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            hosts.add(new DesiredFleet.DesiredHost(host(i), List.of(new DesiredFleet.DesiredService("api", ref, digest, a))));
        }
        return new DesiredFleet("prod", policy, hosts);
    }

    /** Service "api" runs hello-api {@code version} under the plain definition a stack entry without overrides gives. */
    public static NodeStatus running(String host, String version, String digest, Health health) {
        return running(host, version, digest, health, Optional.of(definition(
                DesiredFleet.plainConfig("api", PackageRef.parse("hello-api:" + version)))));
    }

    public static NodeStatus running(String host, String version, String digest, Health health,
                                     Optional<NodeStatus.Definition> definition) {
        return new NodeStatus(host, "0.1.0-SNAPSHOT", List.of(new NodeStatus.ServiceState("api", "niso-api.service",
                "hello-api", version, digest, Optional.empty(), "active", "running", health,
                Optional.of(Instant.parse("2026-11-26T09:00:00Z")), definition)),
                List.of(new NodeStatus.InstalledPackage("hello-api", version, digest)));
    }

    /** What a host with niso-node's StatusService reports for a stored definition with these overrides. */
    public static NodeStatus.Definition definition(online.niso.common.model.StackService config) {
        return new NodeStatus.Definition(online.niso.common.stack.ServiceConfigDigest.of(config),
                online.niso.common.stack.ServiceConfigDigest.fields(config), List.copyOf(config.environment().keySet()));
    }

    public static NodeStatus empty(String host) {
        return new NodeStatus(host, "0.1.0-SNAPSHOT", List.of(), List.of());
    }

    /** Every host runs api 1.0.0 (digest D1), healthy. */
    public static FleetSnapshot allAt(int count, String version, String digest) {
        Map<String, HostState> m = new LinkedHashMap<>();
        for (String n : names(count)) {
            m.put(n, new HostState.Reachable(n, running(n, version, digest, Health.HEALTHY)));
        }
        return new FleetSnapshot(m);
    }

    public static FleetSnapshot with(FleetSnapshot s, HostState h) {
        Map<String, HostState> m = new LinkedHashMap<>(s.hosts());
        m.put(h.host(), h);
        return new FleetSnapshot(m);
    }

    public static Release release(String version, String digest) {
        return new Release(version, digest);
    }
}
