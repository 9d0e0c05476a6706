package online.niso.common.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.config.StackParser;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.stack.ServiceChange.Action;
import org.junit.jupiter.api.Test;

class StackPlannerTest {
    static final String PLATFORM = """
            [stack]
            name = "my-platform"

            [networks]
            backend = { subnet = "10.99.1.0/24" }

            [[service]]
            name = "api"
            package = "my-api:1.0.0"
            ports = ["8080:8080"]
            networks = ["backend"]
            depends_on = { db = "healthy", cache = "started", migrate = "completed" }

            [service.environment]
            DATABASE_URL = "postgres://app:s3cret-value@db.niso.local:5432/mydb"

            [[service]]
            name = "db"
            package = "postgres:16"
            networks = ["backend"]

            [service.environment]
            POSTGRES_PASSWORD = "s3cret-value"

            [[service]]
            name = "cache"
            package = "redis:7"
            networks = ["backend"]

            [[service]]
            name = "migrate"
            package = "my-api:1.0.0"
            type = "oneshot"
            networks = ["backend"]
            depends_on = { db = "healthy" }
            """;

    static final Map<String, ServiceFacts> FACTS = Map.of(
            "api", new ServiceFacts(false, true),
            "db", new ServiceFacts(false, true),
            "cache", new ServiceFacts(false, true),
            "migrate", new ServiceFacts(true, false));

    static Stack platform() {
        return StackParser.parse("stack.toml", PLATFORM);
    }

    /** What the host would record after a successful up of {@code stack}. */
    static Map<String, ObservedService> upToDate(Stack stack) {
        Map<String, ObservedService> out = new HashMap<>();
        for (StackService s : stack.services()) {
            out.put(s.name(), observed(s, s.pkg().version().toString(), true));
        }
        return out;
    }

    static ObservedService observed(StackService s, String version, boolean ok) {
        return new ObservedService(s.name(), s.pkg().name(), version, ServiceConfigDigest.of(s),
                StackPlanner.ports(s), List.copyOf(s.environment().keySet()), List.copyOf(s.dependsOn().keySet()),
                ok ? "active" : "failed", ok);
    }

    @Test
    void anEmptyHostCreatesEverythingInDependencyLevels() {
        StackPlan plan = StackPlanner.plan(platform(), Map.of(), FACTS);
        assertThat(StackPlanText.render(plan)).isEqualTo("""
                stack my-platform: 4 to create, 0 to upgrade, 0 to remove, 0 unchanged
                  + cache    create  7      new service
                  + db       create  16     new service
                  + migrate  create  1.0.0  new service
                  + api      create  1.0.0  new service
                """);
        assertThat(plan.levels()).extracting(l -> l.stream().map(ServiceChange::service).toList())
                .containsExactly(List.of("cache", "db"), List.of("migrate"), List.of("api"));
        assertThat(plan.downOrder()).containsExactly("api", "migrate", "db", "cache");
    }

    @Test
    void eachServiceWaitsForTheStrongestConditionItsDependentsName() {
        StackPlan plan = StackPlanner.plan(platform(), Map.of(), FACTS);
        assertThat(plan.change("db").orElseThrow().readyWhen()).contains(DependencyCondition.HEALTHY);
        // cache has a health check, but its only dependent asks for "started"
        assertThat(plan.change("cache").orElseThrow().readyWhen()).contains(DependencyCondition.STARTED);
        assertThat(plan.change("migrate").orElseThrow().readyWhen()).contains(DependencyCondition.COMPLETED);
        // nobody depends on api: it has a check, so up waits until it is healthy
        assertThat(plan.change("api").orElseThrow().readyWhen()).contains(DependencyCondition.HEALTHY);
        Map<String, ServiceFacts> noCheck = new HashMap<>(FACTS);
        noCheck.put("api", ServiceFacts.PLAIN);
        assertThat(StackPlanner.plan(platform(), Map.of(), noCheck).change("api").orElseThrow().readyWhen())
                .contains(DependencyCondition.STARTED);
    }

    @Test
    void aSecondUpHasNothingToDo() {
        Stack stack = platform();
        StackPlan plan = StackPlanner.plan(stack, upToDate(stack), FACTS);
        assertThat(plan.nothingToDo()).isTrue();
        assertThat(StackPlanText.render(plan)).startsWith("stack my-platform: nothing to do (4 services unchanged)\n");
    }

    @Test
    void reasonsNameVersionDigestPortsAndEnvironmentKeysButNeverValues() {
        Stack before = platform();
        Stack after = StackParser.parse("stack.toml", PLATFORM
                .replace("package = \"my-api:1.0.0\"\nports = [\"8080:8080\"]",
                        "package = \"my-api:1.1.0\"\nports = [\"9090:8080\"]")
                .replace("POSTGRES_PASSWORD = \"s3cret-value\"", "POSTGRES_PASSWORD = \"other-s3cret\"\nPGDATA = \"/d\"")
                .replace("DATABASE_URL = \"postgres://app:s3cret-value@db.niso.local:5432/mydb\"", ""));
        StackPlan plan = StackPlanner.plan(after, upToDate(before), FACTS);
        ServiceChange api = plan.change("api").orElseThrow();
        assertThat(api.action()).isEqualTo(Action.UPGRADE);
        assertThat(api.reasons()).hasSize(4);
        assertThat(api.reasons().get(0)).isEqualTo("version 1.0.0 → 1.1.0");
        assertThat(api.reasons().get(1)).startsWith("config digest ");
        assertThat(api.reasons().get(2)).isEqualTo("ports 8080:8080/tcp → 9090:8080/tcp");
        assertThat(api.reasons().get(3)).isEqualTo("environment keys removed: DATABASE_URL");
        ServiceChange db = plan.change("db").orElseThrow();
        assertThat(db.reasons()).hasSize(2);
        assertThat(db.reasons().get(1)).isEqualTo("environment keys added: PGDATA");
        assertThat(plan.change("migrate").orElseThrow().action()).isEqualTo(Action.UNCHANGED);
        String text = StackPlanText.render(plan);
        assertThat(text).doesNotContain("s3cret").contains("~ api").contains("1.0.0 → 1.1.0").contains("= migrate");
    }

    @Test
    void aChangedEnvironmentValueChangesTheDigestOnly() {
        Stack before = platform();
        Stack after = StackParser.parse("stack.toml", PLATFORM.replace("\"s3cret-value\"", "\"new-s3cret\""));
        ServiceChange db = StackPlanner.plan(after, upToDate(before), FACTS).change("db").orElseThrow();
        assertThat(db.action()).isEqualTo(Action.UPGRADE);
        assertThat(db.reasons()).singleElement().asString().startsWith("config digest ").doesNotContain("s3cret");
    }

    @Test
    void aServiceThatIsNotRunningIsStartedAgain() {
        Stack stack = platform();
        Map<String, ObservedService> seen = new HashMap<>(upToDate(stack));
        seen.put("migrate", observed(stack.service("migrate").orElseThrow(), "1.0.0", false));
        ServiceChange m = StackPlanner.plan(stack, seen, FACTS).change("migrate").orElseThrow();
        assertThat(m.action()).isEqualTo(Action.UPGRADE);
        assertThat(m.reasons()).containsExactly("not running (failed)");
    }

    @Test
    void servicesNoLongerInTheFileAreRemovedDependentsFirst() {
        Stack stack = platform();
        Map<String, ObservedService> seen = new HashMap<>(upToDate(stack));
        seen.put("worker", new ObservedService("worker", "worker", "2.0.0", "sha256:00", List.of(), List.of(),
                List.of("queue"), "active", true));
        seen.put("queue", new ObservedService("queue", "rabbit", "3.0.0", "sha256:00", List.of(), List.of(),
                List.of(), "active", true));
        StackPlan plan = StackPlanner.plan(stack, seen, FACTS);
        assertThat(plan.removals()).extracting(ServiceChange::service).containsExactly("worker", "queue");
        assertThat(plan.all().get(0).action()).isEqualTo(Action.REMOVE);
        assertThat(StackPlanText.render(plan)).startsWith("""
                stack my-platform: 0 to create, 0 to upgrade, 2 to remove, 4 unchanged
                  - worker   remove     2.0.0  not in the stack file any more
                  - queue    remove     3.0.0  not in the stack file any more
                  = cache    unchanged  7
                """);
    }

    @Test
    void stopOrderOfARecordedStackPutsDependentsFirst() {
        List<ObservedService> seen = List.copyOf(upToDate(platform()).values());
        assertThat(StackPlanner.stopOrder(seen)).containsExactly("api", "migrate", "db", "cache");
    }

    @Test
    void theConfigDigestIgnoresNothingTheFileSays() {
        StackService s = platform().service("api").orElseThrow();
        StackService otherArgs = new StackService(s.name(), s.pkg(), s.ports(), s.networks(), s.dependsOn(), s.type(),
                s.volumes(), s.environment(), Optional.of(new online.niso.common.model.BinaryOverride(Optional.empty(),
                        Optional.of(List.of("migrate")), Optional.empty())));
        assertThat(ServiceConfigDigest.of(otherArgs)).isNotEqualTo(ServiceConfigDigest.of(s));
        assertThat(ServiceConfigDigest.of(s)).isEqualTo(ServiceConfigDigest.of(platform().service("api").orElseThrow()))
                .startsWith("sha256:").hasSize(71);
        assertThat(ServiceConfigDigest.canonical(s)).contains("env=DATABASE_URL:");
    }
}
