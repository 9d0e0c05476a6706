package online.niso.fleet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random fleets (Nomad's *_prop_test.go): 1,000+ generated (desired, observed) pairs, each
 * checked against the planner's invariants. A failing seed reproduces exactly.
 */
class RolloutPlannerPropertiesTest {
    static final String[] SERVICES = {"api", "worker", "cron"};
    static final String[] DIGESTS = {"sha256:" + "1".repeat(64), "sha256:" + "2".repeat(64), "sha256:" + "3".repeat(64)};
    static final Health[] HEALTHS = Health.values();

    static Stream<Long> seeds() {
        return LongStream.range(0, 1200).boxed();
    }

    record Case(DesiredFleet desired, FleetSnapshot observed) {}

    static Case generate(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(40);
        RolloutPolicy.Strategy strategy = RolloutPolicy.Strategy.values()[r.nextInt(3)];
        CountOrPercent maxParallel = r.nextBoolean() ? CountOrPercent.count(1 + r.nextInt(10))
                : new CountOrPercent(1 + r.nextInt(100), true);
        Optional<CountOrPercent> canary = strategy == RolloutPolicy.Strategy.CANARY
                ? Optional.of(r.nextBoolean() ? CountOrPercent.count(1 + r.nextInt(5)) : new CountOrPercent(1 + r.nextInt(100), true))
                : Optional.empty();
        RolloutPolicy policy = new RolloutPolicy(strategy, maxParallel, canary, true, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(1), true, Duration.ZERO);
        List<DesiredFleet.DesiredHost> hosts = new ArrayList<>();
        Map<String, HostState> seen = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            String name = "h" + i;
            HostSpec spec = new HostSpec(name, SshAddress.parse("ssh://root@10.1.0." + i), Map.of());
            List<DesiredFleet.DesiredService> services = new ArrayList<>();
            List<NodeStatus.ServiceState> running = new ArrayList<>();
            List<NodeStatus.InstalledPackage> installed = new ArrayList<>();
            for (String s : SERVICES) {
                if (r.nextInt(4) == 0) {
                    continue; // not placed on this host
                }
                int want = r.nextInt(DIGESTS.length);
                PackageRef ref = PackageRef.parse(s + ":" + (want + 1) + ".0.0");
                services.add(new DesiredFleet.DesiredService(s, ref, DIGESTS[want],
                        new Artifact(ref, DIGESTS[want], Path.of("/a/" + s + ".niso"))));
                int have = r.nextInt(DIGESTS.length + 1);
                if (have < DIGESTS.length) {
                    // The host's stored definition: the one it was activated with (mostly), another, or unknown.
                    int def = r.nextInt(6);
                    Optional<NodeStatus.Definition> definition = def == 0 ? Optional.empty()
                            : Optional.of(online.niso.fleet.Fixtures.definition(DesiredFleet.plainConfig(s,
                                    def == 1 ? PackageRef.parse(s + ":9.0.0") : PackageRef.parse(s + ":" + (have + 1) + ".0.0"))));
                    running.add(new NodeStatus.ServiceState(s, "niso-" + s + ".service", s, (have + 1) + ".0.0", DIGESTS[have],
                            Optional.empty(), r.nextInt(5) == 0 ? "failed" : "active", "running",
                            HEALTHS[r.nextInt(HEALTHS.length)], Optional.of(Instant.EPOCH), definition));
                    installed.add(new NodeStatus.InstalledPackage(s, (have + 1) + ".0.0", DIGESTS[have]));
                }
            }
            hosts.add(new DesiredFleet.DesiredHost(spec, services));
            int fate = r.nextInt(10);
            if (fate == 0) {
                seen.put(name, new HostState.Unreachable(name, "connection refused"));
            } else if (fate != 1) { // fate 1: missing from the snapshot altogether
                seen.put(name, new HostState.Reachable(name, new NodeStatus(name, "0.1.0", running, installed)));
            }
        }
        return new Case(new DesiredFleet("prod", policy, hosts), new FleetSnapshot(seen));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void plannerInvariantsHold(long seed) {
        Case c = generate(seed);
        RolloutPlan plan = new RolloutPlanner().plan(c.desired(), c.observed());
        int inventory = c.desired().hosts().size();
        RolloutPolicy policy = c.desired().policy();

        // Each host appears at most once in the whole plan (so at most once per wave).
        List<String> all = new ArrayList<>(plan.activations().map(HostAction.Activate::host).toList());
        all.addAll(plan.skipped().stream().map(HostAction.Skip::host).toList());
        assertThat(new HashSet<>(all)).hasSameSizeAs(all);

        // Skip + Activate covers the inventory exactly.
        assertThat(new HashSet<>(all)).isEqualTo(c.desired().hosts().stream().map(DesiredFleet.DesiredHost::name)
                .collect(java.util.stream.Collectors.toSet()));

        // Wave sizes: rolling waves ≤ max_parallel, the canary wave ≤ canary count; no empty waves; indexes 1..n.
        for (Wave w : plan.waves()) {
            assertThat(w.actions()).isNotEmpty();
            assertThat(w.index()).isEqualTo(plan.waves().indexOf(w) + 1);
            switch (w.kind()) {
                case ROLLING -> assertThat(w.actions().size()).isLessThanOrEqualTo(policy.maxParallel().of(inventory));
                case CANARY -> {
                    assertThat(w.index()).isEqualTo(1);
                    assertThat(w.actions().size()).isLessThanOrEqualTo(policy.canary().orElseThrow().of(inventory));
                }
                case ALL_AT_ONCE -> assertThat(plan.waves()).hasSize(1);
            }
        }

        // Hosts where every placed service already runs its target digest healthily, under the stack's
        // definition, are always skipped,
        // and no activation touches a service that is already at its target.
        for (DesiredFleet.DesiredHost h : c.desired().hosts()) {
            Optional<HostState> st = c.observed().host(h.name());
            if (st.isPresent() && st.get() instanceof HostState.Reachable reach) {
                Set<String> atTarget = new HashSet<>();
                for (DesiredFleet.DesiredService s : h.services()) {
                    reach.status().service(s.service()).filter(v -> v.digest().equals(s.digest()) && v.healthy()
                                    && v.definition().map(d -> d.digest().equals(s.configDigest())).orElse(false))
                            .ifPresent(v -> atTarget.add(s.service()));
                }
                plan.activations().filter(a -> a.host().equals(h.name())).forEach(a ->
                        assertThat(a.changes()).noneMatch(ch -> atTarget.contains(ch.service())));
                // ... and a service at its digest whose definition differs (or is unknown) is always switched.
                for (DesiredFleet.DesiredService s : h.services()) {
                    reach.status().service(s.service()).filter(v -> v.digest().equals(s.digest()) && v.healthy()
                                    && !v.definition().map(d -> d.digest().equals(s.configDigest())).orElse(false))
                            .ifPresent(v -> assertThat(plan.activations().filter(a -> a.host().equals(h.name()))
                                    .flatMap(a -> a.changes().stream()).map(ch -> ch.service()).toList())
                                    .as(h.name() + " " + s.service()).contains(s.service()));
                }
                if (atTarget.size() == h.services().size()) {
                    assertThat(plan.skipped()).anyMatch(s -> s.host().equals(h.name()));
                }
            } else {
                assertThat(plan.unreachable()).anyMatch(s -> s.host().equals(h.name()));
            }
        }

        // Deterministic: the same input gives an equal plan, digest and rendering.
        Case again = generate(seed);
        RolloutPlan replan = new RolloutPlanner().plan(again.desired(), again.observed());
        assertThat(replan).isEqualTo(plan);
        assertThat(replan.digest()).isEqualTo(plan.digest());
        assertThat(PlanRenderer.text(replan)).isEqualTo(PlanRenderer.text(plan));
    }
}
