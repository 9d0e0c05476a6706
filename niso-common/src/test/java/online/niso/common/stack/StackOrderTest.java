package online.niso.common.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import online.niso.common.config.StackParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.PackageRef;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.model.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StackOrderTest {

    @Test
    void theDocsPlatformStartsDbAndCacheThenMigrateThenApi() {
        Stack stack = StackParser.parse("stack.toml", """
                [stack]
                name = "my-platform"

                [[service]]
                name = "api"
                package = "my-api:1.0.0"
                depends_on = { db = "healthy", cache = "started", migrate = "completed" }

                [[service]]
                name = "db"
                package = "postgres:16"

                [[service]]
                name = "cache"
                package = "redis:7"

                [[service]]
                name = "migrate"
                package = "my-api:1.0.0"
                type = "oneshot"
                depends_on = { db = "healthy" }
                """);
        assertThat(StackOrder.levels(stack)).containsExactly(List.of("cache", "db"), List.of("migrate"),
                List.of("api"));
        assertThat(StackOrder.stopOrder(stack)).containsExactly("api", "migrate", "db", "cache");
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 4242L + i);
    }

    /** Random DAGs: every dependency starts in an earlier level; every service appears exactly once. */
    @ParameterizedTest
    @MethodSource("seeds")
    void dependenciesAlwaysComeFirst(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(12);
        List<StackService> services = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, DependencyCondition> deps = new HashMap<>();
            for (int j = 0; j < i; j++) { // only on earlier services: acyclic by construction
                if (r.nextInt(3) == 0) {
                    deps.put("s" + j, DependencyCondition.STARTED);
                }
            }
            services.add(new StackService("s" + i, new PackageRef("p", Version.parse("1.0.0")), List.of(), List.of(),
                    deps, Optional.empty(), Map.of(), Map.of(), Optional.empty()));
        }
        java.util.Collections.shuffle(services, r);
        Stack stack = new Stack("st", Map.of(), services);
        List<List<String>> levels = StackOrder.levels(stack);
        Map<String, Integer> at = new HashMap<>();
        for (int l = 0; l < levels.size(); l++) {
            for (String s : levels.get(l)) {
                assertThat(at.put(s, l)).as("each service once").isNull();
            }
            assertThat(levels.get(l)).isSorted().isNotEmpty();
        }
        assertThat(at).hasSize(n);
        for (StackService s : services) {
            for (String dep : s.dependsOn().keySet()) {
                assertThat(at.get(dep)).isLessThan(at.get(s.name()));
            }
        }
        assertThat(StackOrder.levels(new Stack("st", Map.of(), services))).isEqualTo(levels);
    }

    @Test
    void aCycleBuiltInCodeIsReportedAsAPath() {
        PackageRef p = new PackageRef("p", Version.parse("1"));
        Stack stack = new Stack("st", Map.of(), List.of(
                new StackService("a", p, List.of(), List.of(), Map.of("b", DependencyCondition.STARTED),
                        Optional.empty(), Map.of(), Map.of(), Optional.empty()),
                new StackService("b", p, List.of(), List.of(), Map.of("a", DependencyCondition.STARTED),
                        Optional.empty(), Map.of(), Map.of(), Optional.empty())));
        assertThatThrownBy(() -> StackOrder.levels(stack)).isInstanceOf(InvalidInputException.class)
                .hasMessage("dependency cycle: a -> b -> a");
    }
}
