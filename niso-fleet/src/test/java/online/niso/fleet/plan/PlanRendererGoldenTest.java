package online.niso.fleet.plan;

import static online.niso.fleet.Fixtures.API_2;
import static online.niso.fleet.Fixtures.D1;
import static online.niso.fleet.Fixtures.D2;
import static online.niso.fleet.Fixtures.allAt;
import static online.niso.fleet.Fixtures.canary;
import static online.niso.fleet.Fixtures.desired;
import static online.niso.fleet.Fixtures.running;
import static online.niso.fleet.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import online.niso.common.json.Json;
import online.niso.common.model.CountOrPercent;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.remote.Health;
import online.niso.testinfra.golden.Golden;
import org.junit.jupiter.api.Test;

class PlanRendererGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/plan");

    static RolloutPlan canaryPlan() {
        FleetSnapshot s = with(with(allAt(5, "1.0.0", D1), new HostState.Unreachable("web-4", "connect timed out after 10s")),
                new HostState.Reachable("web-5", running("web-5", "2.0.0", D2, Health.HEALTHY)));
        return new RolloutPlanner().plan(desired(canary(CountOrPercent.count(1), CountOrPercent.count(2)), 5, API_2, D2), s);
    }

    @Test
    void text() {
        Golden.assertMatches(GOLDEN.resolve("canary.txt"), PlanRenderer.text(canaryPlan()));
    }

    @Test
    void json() throws Exception {
        String json = PlanRenderer.json(canaryPlan());
        Golden.assertMatches(GOLDEN.resolve("canary.json"),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().readTree(json)) + "\n");
        assertThat(Json.mapper().readTree(json).get("plan_digest").asText()).isEqualTo(canaryPlan().digest());
    }

    @Test
    void emptyPlanSaysNothingToDo() {
        RolloutPlan p = new RolloutPlanner().plan(desired(canary(CountOrPercent.count(1), CountOrPercent.count(2)), 2, API_2, D2),
                allAt(2, "2.0.0", D2));
        assertThat(PlanRenderer.text(p)).contains("Nothing to do");
    }

    @Test
    void durationsUseConfigUnits() {
        assertThat(PlanRenderer.duration(java.time.Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(PlanRenderer.duration(java.time.Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(PlanRenderer.duration(java.time.Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(PlanRenderer.duration(java.time.Duration.ZERO)).isEqualTo("0s");
    }
}
