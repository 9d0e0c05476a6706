package online.niso.fleet.plan;

import static online.niso.fleet.Fixtures.API_2;
import static online.niso.fleet.Fixtures.D1;
import static online.niso.fleet.Fixtures.D2;
import static online.niso.fleet.Fixtures.allAt;
import static online.niso.fleet.Fixtures.desired;
import static online.niso.fleet.Fixtures.rolling;
import static online.niso.fleet.Fixtures.running;
import static online.niso.fleet.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import online.niso.common.error.ExitCode;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.model.CountOrPercent;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.remote.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
    final DesiredFleet desired = desired(rolling(CountOrPercent.count(1)), 3, API_2, D2);
    final RolloutPlan plan = new RolloutPlanner().plan(desired, allAt(3, "1.0.0", D1));

    @Test
    void aSavedPlanIsCurrentWhileNothingChanged(@TempDir Path dir) {
        Path f = dir.resolve("plan.json");
        PlanFile.write(f, plan);
        PlanFile.Header h = PlanFile.read(f);
        assertThat(h.planDigest()).isEqualTo(plan.digest());
        assertThatCode(() -> PlanFile.requireCurrent(h, new RolloutPlanner().plan(desired, allAt(3, "1.0.0", D1))))
                .doesNotThrowAnyException();
        assertThat(dir.toFile().list()).containsExactly("plan.json");
    }

    @Test
    void refusesWithExitThreeWhenTheFleetChanged(@TempDir Path dir) {
        Path f = dir.resolve("plan.json");
        PlanFile.write(f, plan);
        RolloutPlan now = new RolloutPlanner().plan(desired,
                with(allAt(3, "1.0.0", D1), new HostState.Reachable("web-2", running("web-2", "2.0.0", D2, Health.HEALTHY))));
        assertThatThrownBy(() -> PlanFile.requireCurrent(PlanFile.read(f), now))
                .isInstanceOfSatisfying(UnexpectedStateException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNEXPECTED_STATE))
                .hasMessageContaining("the fleet changed since the plan was made");
    }

    @Test
    void refusesWhenTheArtifactsChanged(@TempDir Path dir) {
        Path f = dir.resolve("plan.json");
        PlanFile.write(f, plan);
        RolloutPlan now = new RolloutPlanner().plan(desired(rolling(CountOrPercent.count(1)), 3, API_2,
                online.niso.fleet.Fixtures.digest('9')), allAt(3, "1.0.0", D1));
        assertThatThrownBy(() -> PlanFile.requireCurrent(PlanFile.read(f), now))
                .isInstanceOf(UnexpectedStateException.class).hasMessageContaining("configuration or artifacts changed");
    }

    @Test
    void aFileThatIsNotAPlanIsInvalidInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("plan.json");
        Files.writeString(f, "{\"hello\":1}");
        assertThatThrownBy(() -> PlanFile.read(f)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not a niso-fleet plan");
        assertThatThrownBy(() -> PlanFile.read(dir.resolve("missing.json"))).isInstanceOf(InvalidInputException.class);
    }
}
