package online.niso.common.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import online.niso.common.model.PackageRef;
import online.niso.common.model.PortMapping;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.model.Version;
import online.niso.common.stack.ServiceChange.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random stacks and host states: invariants of {@link StackPlanner#plan}. */
class StackPlannerPropertiesTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 200).mapToObj(i -> 9000L + i);
    }

    record Case(Stack stack, Map<String, ObservedService> observed, Map<String, ServiceFacts> facts,
                List<String> secrets) {}

    static Case generate(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(10);
        List<StackService> services = new ArrayList<>();
        Map<String, ServiceFacts> facts = new HashMap<>();
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean oneshot = r.nextInt(5) == 0;
            boolean check = !oneshot && r.nextBoolean();
            facts.put("s" + i, new ServiceFacts(oneshot, check));
            Map<String, DependencyCondition> deps = new HashMap<>();
            for (int j = 0; j < i; j++) {
                if (r.nextInt(3) == 0) {
                    ServiceFacts f = facts.get("s" + j);
                    deps.put("s" + j, f.oneshot() ? DependencyCondition.COMPLETED
                            : f.healthCheck() && r.nextBoolean() ? DependencyCondition.HEALTHY
                            : DependencyCondition.STARTED);
                }
            }
            Map<String, String> env = new HashMap<>();
            for (int k = 0; k < r.nextInt(3); k++) {
                String secret = "secret-" + seed + "-" + i + "-" + k + "-" + Long.toHexString(r.nextLong());
                secrets.add(secret);
                env.put("KEY_" + k, secret);
            }
            List<PortMapping> ports = r.nextBoolean() ? List.of() : List.of(PortMapping.parse((8000 + i) + ":80"));
            services.add(new StackService("s" + i, new PackageRef("p" + i, Version.parse("1." + r.nextInt(3) + ".0")),
                    ports, List.of(), deps, oneshot ? Optional.of(ServiceSettings.ServiceType.ONESHOT) : Optional.empty(),
                    Map.of(), env, Optional.empty()));
        }
        java.util.Collections.shuffle(services, r);
        Stack stack = new Stack("st", Map.of(), services);
        Map<String, ObservedService> observed = new HashMap<>();
        for (StackService s : services) {
            switch (r.nextInt(5)) {
                case 0 -> { } // not on the host yet
                case 1 -> observed.put(s.name(), StackPlannerTest.observed(s, "0.9.0", true));
                case 2 -> observed.put(s.name(), StackPlannerTest.observed(s, s.pkg().version().toString(), false));
                default -> observed.put(s.name(), StackPlannerTest.observed(s, s.pkg().version().toString(), true));
            }
        }
        for (int i = 0; i < r.nextInt(3); i++) {
            observed.put("old" + i, new ObservedService("old" + i, "q", "1.0.0", "sha256:00", List.of(), List.of(),
                    i > 0 ? List.of("old" + (i - 1)) : List.of(), "active", true));
        }
        return new Case(stack, observed, facts, secrets);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyServiceOnceDependenciesFirstAndOrphansRemoved(long seed) {
        Case c = generate(seed);
        StackPlan plan = StackPlanner.plan(c.stack(), c.observed(), c.facts());
        Map<String, Integer> level = new HashMap<>();
        for (int l = 0; l < plan.levels().size(); l++) {
            for (ServiceChange ch : plan.levels().get(l)) {
                assertThat(level.put(ch.service(), l)).as("once").isNull();
                assertThat(ch.action()).isNotEqualTo(Action.REMOVE);
            }
        }
        assertThat(level.keySet()).containsExactlyInAnyOrderElementsOf(
                c.stack().services().stream().map(StackService::name).toList());
        for (StackService s : c.stack().services()) {
            for (var dep : s.dependsOn().entrySet()) {
                assertThat(level.get(dep.getKey())).isLessThan(level.get(s.name()));
                // up waits at least for what each dependent asks for
                DependencyCondition ready = plan.change(dep.getKey()).orElseThrow().readyWhen().orElseThrow();
                assertThat(ready.compareTo(dep.getValue()) >= 0 || ready == DependencyCondition.COMPLETED)
                        .as("%s waits for %s, %s wants %s", dep.getKey(), ready, s.name(), dep.getValue()).isTrue();
            }
        }
        List<String> orphans = c.observed().keySet().stream().filter(k -> k.startsWith("old")).toList();
        assertThat(plan.removals()).extracting(ServiceChange::service).containsExactlyInAnyOrderElementsOf(orphans);
        List<String> removals = plan.removals().stream().map(ServiceChange::service).toList();
        for (int i = 1; i < orphans.size(); i++) {
            // old(i) depends on old(i-1): stopped first
            assertThat(removals.indexOf("old" + i)).isLessThan(removals.indexOf("old" + (i - 1)));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void actionsFollowTheObservedStateAndNeverLeakValues(long seed) {
        Case c = generate(seed);
        StackPlan plan = StackPlanner.plan(c.stack(), c.observed(), c.facts());
        for (StackService s : c.stack().services()) {
            ServiceChange ch = plan.change(s.name()).orElseThrow();
            ObservedService o = c.observed().get(s.name());
            Action expected = o == null ? Action.CREATE
                    : o.ok() && o.version().equals(s.pkg().version().toString()) ? Action.UNCHANGED : Action.UPGRADE;
            assertThat(ch.action()).as(s.name()).isEqualTo(expected);
            assertThat(ch.reasons().isEmpty()).isEqualTo(expected == Action.UNCHANGED);
        }
        String text = StackPlanText.render(plan) + plan;
        for (String secret : c.secrets()) {
            assertThat(text).doesNotContain(secret);
        }
        assertThat(StackPlanner.plan(c.stack(), new HashMap<>(c.observed()), c.facts())).isEqualTo(plan);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void afterAnUpThatDidEverythingTheNextPlanIsEmpty(long seed) {
        Case c = generate(seed);
        Map<String, ObservedService> after = new HashMap<>(StackPlannerTest.upToDate(c.stack()));
        StackPlan plan = StackPlanner.plan(c.stack(), after, c.facts());
        assertThat(plan.nothingToDo()).isTrue();
        assertThat(plan.downOrder()).hasSize(c.stack().services().size());
        assertThat(StackPlanner.stopOrder(after.values())).isEqualTo(plan.downOrder());
    }
}
