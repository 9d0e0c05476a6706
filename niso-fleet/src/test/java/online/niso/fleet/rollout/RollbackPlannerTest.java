package online.niso.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import online.niso.fleet.Fixtures;
import online.niso.fleet.inventory.Artifact;
import online.niso.fleet.inventory.DesiredFleet.DesiredService;
import online.niso.fleet.plan.Change;
import online.niso.fleet.remote.Release;
import org.junit.jupiter.api.Test;

class RollbackPlannerTest {
    static final Release V2 = new Release("2.0.0", Fixtures.D2);

    static Change change(String service, Optional<Release> from) {
        return change(service, from, from.map(r -> "hello-api"));
    }

    static Change change(String service, Optional<Release> from, Optional<String> fromPackage) {
        Artifact a = new Artifact(Fixtures.API_2, Fixtures.D2, Fixtures.FILE_2);
        return new Change(new DesiredService(service, Fixtures.API_2, Fixtures.D2, a), from, fromPackage, true, "test");
    }

    @Test
    void restoresThePreviousReleaseInTheSameBatchSizeAndOrder() {
        Release v1 = new Release("1.0.0", Fixtures.D1);
        List<RollbackPlanner.Switched> switched = List.of(
                new RollbackPlanner.Switched("web-1", List.of(change("api", Optional.of(v1)))),
                new RollbackPlanner.Switched("web-2", List.of(change("api", Optional.of(v1)))),
                new RollbackPlanner.Switched("web-3", List.of(change("api", Optional.of(v1)))));
        List<List<RollbackPlanner.Revert>> waves = new RollbackPlanner().plan(switched, 2);
        assertThat(waves).hasSize(2);
        assertThat(waves.get(0)).extracting(RollbackPlanner.Revert::host).containsExactly("web-1", "web-2");
        assertThat(waves.get(1).get(0).steps()).containsExactly(new RollbackPlanner.Restore("api", Optional.empty(), v1, V2));
    }

    @Test
    void aServiceNewOnTheHostIsDeactivatedAndServicesAreUndoneInReverseOrder() {
        Release v1 = new Release("1.0.0", Fixtures.D1);
        List<RollbackPlanner.Switched> switched = List.of(new RollbackPlanner.Switched("web-1",
                List.of(change("db", Optional.of(v1)), change("api", Optional.empty()))));
        assertThat(new RollbackPlanner().plan(switched, 1).get(0).get(0).steps())
                .containsExactly(new RollbackPlanner.Deactivate("api"), new RollbackPlanner.Restore("db", Optional.empty(), v1, V2));
    }

    @Test
    void aServiceThatRanAnotherPackageGoesBackToThatPackage() {
        // "api" ran legacy-api 1.0.0; the rollout switched it to hello-api 2.0.0: the revert names legacy-api.
        Release v1 = new Release("1.0.0", Fixtures.D1);
        List<RollbackPlanner.Switched> switched = List.of(new RollbackPlanner.Switched("web-1",
                List.of(change("api", Optional.of(v1), Optional.of("legacy-api")))));
        assertThat(new RollbackPlanner().plan(switched, 1).get(0).get(0).steps())
                .containsExactly(new RollbackPlanner.Restore("api", Optional.of("legacy-api"), v1, V2));
    }

    @Test
    void nothingSwitchedNothingToRevert() {
        assertThat(new RollbackPlanner().plan(List.of(), 3)).isEmpty();
    }
}
