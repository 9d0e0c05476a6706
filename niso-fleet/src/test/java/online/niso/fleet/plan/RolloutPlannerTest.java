package online.niso.fleet.plan;

import static online.niso.fleet.Fixtures.API_1;
import static online.niso.fleet.Fixtures.API_2;
import static online.niso.fleet.Fixtures.D1;
import static online.niso.fleet.Fixtures.D2;
import static online.niso.fleet.Fixtures.allAt;
import static online.niso.fleet.Fixtures.allAtOnce;
import static online.niso.fleet.Fixtures.canary;
import static online.niso.fleet.Fixtures.desired;
import static online.niso.fleet.Fixtures.rolling;
import static online.niso.fleet.Fixtures.running;
import static online.niso.fleet.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import online.niso.common.model.CountOrPercent;
import online.niso.fleet.Fixtures;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.remote.Health;
import online.niso.fleet.remote.Release;
import org.junit.jupiter.api.Test;

/** Scenario table in the style of Nomad's TestReconciler_*: one behaviour per test. */
class RolloutPlannerTest {
    final RolloutPlanner planner = new RolloutPlanner();

    static List<List<String>> waves(RolloutPlan p) {
        return p.waves().stream().map(Wave::hosts).toList();
    }

    @Test
    void plansNothingWhenEveryHostRunsTheDesiredDigest() {
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.count(2)), 3, API_1, D1), allAt(3, "1.0.0", D1));
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.skipped()).extracting(HostAction.Skip::reason)
                .containsOnly("already at digest sha256:111111111111… (api)");
    }

    @Test
    void rollingSwitchesMaxParallelHostsPerWaveInFileOrder() {
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.count(2)), 5, API_2, D2), allAt(5, "1.0.0", D1));
        assertThat(waves(p)).containsExactly(List.of("web-1", "web-2"), List.of("web-3", "web-4"), List.of("web-5"));
        assertThat(p.waves()).extracting(Wave::kind).containsOnly(Wave.Kind.ROLLING);
    }

    @Test
    void maxParallelPercentIsOfTheEnvironmentRoundedUp() {
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.parsePercent("30%")), 5, API_2, D2), allAt(5, "1.0.0", D1));
        assertThat(waves(p)).containsExactly(List.of("web-1", "web-2"), List.of("web-3", "web-4"), List.of("web-5"));
    }

    @Test
    void putsCanaryHostsInTheFirstWave() {
        RolloutPlan p = planner.plan(desired(canary(CountOrPercent.count(1), CountOrPercent.count(2)), 5, API_2, D2),
                allAt(5, "1.0.0", D1));
        assertThat(p.waves().get(0).kind()).isEqualTo(Wave.Kind.CANARY);
        assertThat(waves(p)).containsExactly(List.of("web-1"), List.of("web-2", "web-3"), List.of("web-4", "web-5"));
    }

    @Test
    void canaryPercentOfFourHostsIsOneHost() {
        RolloutPlan p = planner.plan(desired(canary(CountOrPercent.parsePercent("25%"), CountOrPercent.count(3)), 4, API_2, D2),
                allAt(4, "1.0.0", D1));
        assertThat(waves(p)).containsExactly(List.of("web-1"), List.of("web-2", "web-3", "web-4"));
    }

    @Test
    void allAtOnceIsOneWave() {
        RolloutPlan p = planner.plan(desired(allAtOnce(), 5, API_2, D2), allAt(5, "1.0.0", D1));
        assertThat(waves(p)).containsExactly(Fixtures.names(5));
        assertThat(p.waves().get(0).kind()).isEqualTo(Wave.Kind.ALL_AT_ONCE);
    }

    @Test
    void skipsUnreachableHostsWithReason() {
        FleetSnapshot s = with(allAt(3, "1.0.0", D1), new HostState.Unreachable("web-2", "connection refused"));
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.count(5)), 3, API_2, D2), s);
        assertThat(waves(p)).containsExactly(List.of("web-1", "web-3"));
        assertThat(p.unreachable()).containsExactly(new HostAction.Skip("web-2", HostAction.Reason.UNREACHABLE,
                "unreachable: connection refused"));
    }

    @Test
    void resumedRolloutOnlyTouchesHostsNotYetAtTarget() {
        FleetSnapshot s = with(allAt(3, "1.0.0", D1), new HostState.Reachable("web-1", running("web-1", "2.0.0", D2, Health.HEALTHY)));
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.count(1)), 3, API_2, D2), s);
        assertThat(waves(p)).containsExactly(List.of("web-2"), List.of("web-3"));
        assertThat(p.skipped()).extracting(HostAction.Skip::host).containsExactly("web-1");
    }

    @Test
    void aHostAtTheTargetDigestButUnhealthyIsActivatedAgain() {
        FleetSnapshot s = with(allAt(2, "2.0.0", D2), new HostState.Reachable("web-2", running("web-2", "2.0.0", D2, Health.UNHEALTHY)));
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.count(1)), 2, API_2, D2), s);
        assertThat(waves(p)).containsExactly(List.of("web-2"));
        Change c = p.waves().get(0).actions().get(0).changes().get(0);
        assertThat(c.upload()).as("the digest is installed already").isFalse();
        assertThat(c.why()).contains("unhealthy");
    }

    @Test
    void uploadsOnlyWhereTheHostLacksTheDigest() {
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.count(5)), 1, API_2, D2), allAt(1, "1.0.0", D1));
        Change c = p.waves().get(0).actions().get(0).changes().get(0);
        assertThat(c.upload()).isTrue();
        assertThat(c.from()).contains(new Release("1.0.0", D1));
        assertThat(c.to()).isEqualTo(new Release("2.0.0", D2));
    }

    @Test
    void aFreshHostGetsTheServiceWithNoPrevious() {
        FleetSnapshot s = new FleetSnapshot(Map.of("web-1", new HostState.Reachable("web-1", Fixtures.empty("web-1"))));
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.count(1)), 1, API_1, D1), s);
        Change c = p.waves().get(0).actions().get(0).changes().get(0);
        assertThat(c.from()).isEmpty();
        assertThat(c.why()).isEqualTo("not running on the host");
    }

    @Test
    void aHostWithNothingPlacedIsSkipped() {
        DesiredFleet d = desired(rolling(CountOrPercent.count(1)), 2, API_2, D2);
        d = new DesiredFleet("prod", d.policy(), List.of(d.hosts().get(0), new DesiredFleet.DesiredHost(Fixtures.host(2), List.of())));
        RolloutPlan p = planner.plan(d, allAt(2, "1.0.0", D1));
        assertThat(p.skipped()).extracting(HostAction.Skip::kind).containsExactly(HostAction.Reason.NOTHING_PLACED);
    }

    @Test
    void theObservedDigestChangesWhenAnyHostChanges() {
        FleetSnapshot a = allAt(3, "1.0.0", D1);
        FleetSnapshot b = with(a, new HostState.Reachable("web-3", running("web-3", "2.0.0", D2, Health.HEALTHY)));
        DesiredFleet d = desired(rolling(CountOrPercent.count(1)), 3, API_2, D2);
        assertThat(planner.plan(d, a).observedDigest()).isNotEqualTo(planner.plan(d, b).observedDigest());
        assertThat(planner.plan(d, a).observedDigest()).isEqualTo(planner.plan(d, allAt(3, "1.0.0", D1)).observedDigest());
    }

    @Test
    void theDesiredDigestIgnoresArtifactPathsButNotDigests() {
        DesiredFleet d = desired(rolling(CountOrPercent.count(1)), 2, API_2, D2);
        assertThat(d.digest()).isEqualTo(desired(rolling(CountOrPercent.count(1)), 2, API_2, D2).digest());
        assertThat(d.digest()).isNotEqualTo(desired(rolling(CountOrPercent.count(1)), 2, API_2, Fixtures.digest('3')).digest());
    }

    /** web-1..N want api 1.0.0 under {@code config}; each host runs 1.0.0 (D1) under its own stored definition. */
    private static DesiredFleet desiredWith(online.niso.common.model.StackService config, int count) {
        DesiredFleet plain = desired(rolling(CountOrPercent.count(2)), count, API_1, D1);
        return new DesiredFleet(plain.environment(), plain.policy(), plain.hosts().stream().map(h ->
                new DesiredFleet.DesiredHost(h.host(), h.services().stream().map(s -> new DesiredFleet.DesiredService(
                        s.service(), s.pkg(), s.digest(), s.artifact(), config)).toList())).toList());
    }

    private static online.niso.common.model.StackService config(Map<String, String> env,
                                                                 List<online.niso.common.model.PortMapping> ports) {
        return new online.niso.common.model.StackService("api", API_1, ports, List.of(), Map.of(),
                java.util.Optional.empty(), Map.of(), env, java.util.Optional.empty());
    }

    private static FleetSnapshot runningUnder(online.niso.common.model.StackService stored, int count) {
        FleetSnapshot s = allAt(count, "1.0.0", D1);
        for (int i = 1; i <= count; i++) {
            s = with(s, new HostState.Reachable("web-" + i, Fixtures.running("web-" + i, "1.0.0", D1, Health.HEALTHY,
                    java.util.Optional.of(Fixtures.definition(stored)))));
        }
        return s;
    }

    @Test
    void anEnvironmentValueChangeAloneIsDeployedAndNamedWithoutTheValue() {
        var before = config(Map.of("GREETING", "hello", "TOKEN", "s3cret-1"), List.of());
        var after = config(Map.of("GREETING", "hello", "TOKEN", "s3cret-2"), List.of());
        RolloutPlan p = planner.plan(desiredWith(after, 2), runningUnder(before, 2));
        assertThat(waves(p)).containsExactly(List.of("web-1", "web-2"));
        Change c = p.activations().findFirst().orElseThrow().changes().get(0);
        assertThat(c.why()).isEqualTo("config changed: environment values (keys GREETING, TOKEN)");
        assertThat(c.upload()).as("the package is already there").isFalse();
        assertThat(PlanRenderer.text(p) + PlanRenderer.json(p)).doesNotContain("s3cret");
    }

    @Test
    void addedAndRemovedEnvironmentKeysAndOtherFieldsAreNamed() {
        var before = config(Map.of("OLD", "x"), List.of());
        var after = config(Map.of("NEW", "y"), List.of(online.niso.common.model.PortMapping.parse("8081:8080/tcp")));
        RolloutPlan p = planner.plan(desiredWith(after, 1), runningUnder(before, 1));
        assertThat(p.activations().findFirst().orElseThrow().changes().get(0).why())
                .isEqualTo("config changed: ports; environment keys +NEW -OLD");
    }

    @Test
    void theSameDefinitionIsSkipped() {
        var same = config(Map.of("GREETING", "hello"), List.of());
        RolloutPlan p = planner.plan(desiredWith(same, 2), runningUnder(same, 2));
        assertThat(p.isEmpty()).isTrue();
    }

    @Test
    void aHostThatDoesNotReportItsDefinitionIsDeployedSayingWhy() {
        FleetSnapshot old = with(allAt(2, "1.0.0", D1), new HostState.Reachable("web-2",
                Fixtures.running("web-2", "1.0.0", D1, Health.HEALTHY, java.util.Optional.empty())));
        RolloutPlan p = planner.plan(desired(rolling(CountOrPercent.count(2)), 2, API_1, D1), old);
        assertThat(waves(p)).containsExactly(List.of("web-2"));
        assertThat(p.activations().findFirst().orElseThrow().changes().get(0).why())
                .startsWith("config unknown: the host's niso does not report service definitions");
    }

    @Test
    void theDesiredDigestCoversTheConfig() {
        assertThat(desiredWith(config(Map.of("A", "1"), List.of()), 1).digest())
                .isNotEqualTo(desiredWith(config(Map.of("A", "2"), List.of()), 1).digest());
    }

    /**
     * An unprobed snapshot decides every host except those whose skip hangs on health: at the target digest, same
     * definition, active, health unknown. Everything else plans the same whatever a probe would say.
     */
    @Test
    void onlyHostsAtTheTargetWithUnknownHealthNeedAProbe() {
        DesiredFleet d = desired(rolling(CountOrPercent.count(2)), 6, API_2, D2);
        FleetSnapshot s = allAt(6, "1.0.0", D1);
        s = with(s, new HostState.Reachable("web-1", running("web-1", "1.0.0", D1, Health.UNKNOWN)));   // other digest
        s = with(s, new HostState.Reachable("web-2", running("web-2", "2.0.0", D2, Health.UNKNOWN)));   // at target: probe
        s = with(s, new HostState.Reachable("web-3", running("web-3", "2.0.0", D2, Health.NONE)));      // no check
        s = with(s, new HostState.Reachable("web-4", running("web-4", "2.0.0", D2, Health.UNHEALTHY))); // not active
        s = with(s, new HostState.Unreachable("web-5", "connection refused"));
        s = with(s, new HostState.Reachable("web-6", running("web-6", "2.0.0", D2, Health.UNKNOWN,
                java.util.Optional.of(Fixtures.definition(config(Map.of("A", "1"), List.of()))))));       // config differs
        assertThat(RolloutPlanner.needProbe(d, s)).containsExactly("web-2");
        assertThat(RolloutPlanner.needProbe(d, allAt(6, "2.0.0", D2))).as("healthy already: probed").isEmpty();
    }

    /** Probing the hosts needProbe names gives the plan a fully probed snapshot would give (seeded fleets). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void anUnprobedSnapshotProbedWhereNeededPlansLikeAProbedOne(long seed) {
        java.util.Random r = new java.util.Random(seed);
        int n = 1 + r.nextInt(12);
        DesiredFleet d = desired(rolling(CountOrPercent.count(1 + r.nextInt(4))), n, API_2, D2);
        Map<String, HostState> probed = new java.util.LinkedHashMap<>();
        Map<String, HostState> unprobed = new java.util.LinkedHashMap<>();
        for (String h : Fixtures.names(n)) {
            boolean atTarget = r.nextBoolean();
            Health health = List.of(Health.HEALTHY, Health.UNHEALTHY, Health.STARTING, Health.NONE).get(r.nextInt(4));
            String state = health == Health.UNHEALTHY && r.nextBoolean() ? "failed" : "active";
            var p = runningIn(h, atTarget ? "2.0.0" : "1.0.0", atTarget ? D2 : D1, health, state);
            Health seen = health == Health.NONE ? Health.NONE : state.equals("active") ? Health.UNKNOWN : Health.UNHEALTHY;
            probed.put(h, new HostState.Reachable(h, p));
            unprobed.put(h, new HostState.Reachable(h, runningIn(h, atTarget ? "2.0.0" : "1.0.0", atTarget ? D2 : D1, seen, state)));
        }
        FleetSnapshot cheap = new FleetSnapshot(unprobed);
        java.util.Set<String> ask = RolloutPlanner.needProbe(d, cheap);
        Map<String, HostState> answers = new java.util.LinkedHashMap<>(probed);
        answers.keySet().retainAll(ask);
        RolloutPlan expected = planner.plan(d, new FleetSnapshot(probed));
        RolloutPlan got = planner.plan(d, cheap.with(new FleetSnapshot(answers)));
        assertThat(waves(got)).isEqualTo(waves(expected));
        assertThat(got.skipped()).extracting(HostAction.Skip::host).isEqualTo(expected.skipped().stream().map(HostAction.Skip::host).toList());
    }

    private static online.niso.fleet.remote.NodeStatus runningIn(String host, String version, String digest, Health health,
                                                                String activeState) {
        var s = running(host, version, digest, health);
        var v = s.services().get(0);
        return new online.niso.fleet.remote.NodeStatus(host, s.nisoVersion(), List.of(new online.niso.fleet.remote.NodeStatus.ServiceState(
                v.name(), v.unit(), v.pkg(), v.version(), v.digest(), v.previous(), activeState,
                activeState.equals("active") ? "running" : "failed", health, v.since(), v.definition())), s.packages());
    }
}
