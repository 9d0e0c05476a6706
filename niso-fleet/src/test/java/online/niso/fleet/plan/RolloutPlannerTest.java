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
}
