package online.niso.node.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import online.niso.common.model.PackageRef;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.model.Version;
import online.niso.node.store.NodePaths;
import online.niso.testinfra.time.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random stacks through the orchestrator over fakes: order, failure containment, idempotency, down. */
class StackOrchestratorPropertiesTest {
    @TempDir Path dir;

    /** Few seeds: every up writes the stack record with fsync after each service, which is slow on a VM. */
    static Stream<Long> seeds() {
        return IntStream.range(0, 25).mapToObj(i -> 777L + i);
    }

    record World(FakeStackActivator fake, StackRecords records, StackOrchestrator stacks, StackFile file) {}

    World world(long seed, Path root) {
        Random r = new Random(seed);
        FakeStackActivator fake = new FakeStackActivator(Instant.parse("2026-11-26T10:00:00Z"));
        int n = 1 + r.nextInt(9);
        List<StackService> services = new ArrayList<>();
        Map<String, Boolean> oneshot = new HashMap<>();
        for (int i = 0; i < n; i++) {
            boolean job = r.nextInt(4) == 0;
            boolean check = !job && r.nextBoolean();
            oneshot.put("s" + i, job);
            fake.install("s" + i, "1.0.0", job ? FakeStackActivator.ONESHOT : check ? FakeStackActivator.CHECK : "");
            Map<String, DependencyCondition> deps = new HashMap<>();
            for (int j = 0; j < i; j++) {
                if (r.nextInt(3) == 0) {
                    deps.put("s" + j, oneshot.get("s" + j) ? DependencyCondition.COMPLETED : DependencyCondition.STARTED);
                }
            }
            services.add(new StackService("s" + i, new PackageRef("s" + i, Version.parse("1.0.0")), List.of(),
                    List.of(), deps, Optional.empty(), Map.of(), Map.of(), Optional.empty()));
        }
        java.util.Collections.shuffle(services, r);
        Stack stack = new Stack("st", Map.of(), services);
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        StackRecords records = new StackRecords(NodePaths.of(root));
        StackOrchestrator stacks = new StackOrchestrator(fake, new FakeStackNetworks(fake.calls), records, clock,
                clock::set, Runnable::run);
        return new World(fake, records, stacks, new StackFile(dir.resolve("stack.toml"), stack, "sha256:00"));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void dependenciesFirstThenNothingToDoThenDownInReverse(long seed) {
        World w = world(seed, dir.resolve("root-" + seed));
        assertThat(w.stacks().up(w.file(), Optional.empty(), x -> { }).ok()).isTrue();
        List<String> activated = w.fake().calls.stream().filter(c -> c.startsWith("activate "))
                .map(c -> c.split(" ")[1]).toList();
        assertThat(activated).hasSize(w.file().stack().services().size());
        for (StackService s : w.file().stack().services()) {
            for (String dep : s.dependsOn().keySet()) {
                assertThat(activated.indexOf(dep)).as("%s before %s", dep, s.name())
                        .isLessThan(activated.indexOf(s.name()));
            }
        }
        w.fake().calls.clear();
        var again = w.stacks().up(w.file(), Optional.empty(), x -> { });
        assertThat(again.nothingToDo()).isTrue();
        assertThat(w.fake().calls).noneMatch(c -> c.startsWith("activate") || c.startsWith("deactivate"));

        w.fake().calls.clear();
        w.stacks().down(w.records().load("st").orElseThrow(), false, x -> { });
        List<String> stopped = w.fake().calls.stream().filter(c -> c.startsWith("deactivate "))
                .map(c -> c.split(" ")[1]).toList();
        List<String> reversed = new ArrayList<>(activated);
        java.util.Collections.reverse(reversed);
        assertThat(stopped).containsExactlyInAnyOrderElementsOf(activated);
        for (StackService s : w.file().stack().services()) {
            for (String dep : s.dependsOn().keySet()) {
                assertThat(stopped.indexOf(s.name())).isLessThan(stopped.indexOf(dep));
            }
        }
        assertThat(w.fake().live).isEmpty();
        assertThat(w.records().names()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aFailingJobStartsNothingThatDependsOnItEvenIndirectly(long seed) {
        World w = world(seed, dir.resolve("root-" + seed));
        List<String> jobs = w.file().stack().services().stream()
                .filter(s -> w.fake().manifests.get(s.pkg().toString()).service().type().name().equals("ONESHOT"))
                .map(StackService::name).sorted().toList();
        if (jobs.isEmpty()) {
            return; // nothing to fail in this stack
        }
        String failing = jobs.get(new Random(seed).nextInt(jobs.size()));
        w.fake().jobExit.put(failing, 3);
        var report = w.stacks().up(w.file(), Optional.empty(), x -> { });
        assertThat(report.ok()).isFalse();
        Set<String> dependents = new HashSet<>();
        boolean grew = true;
        dependents.add(failing);
        while (grew) {
            grew = false;
            for (StackService s : w.file().stack().services()) {
                if (!dependents.contains(s.name()) && s.dependsOn().keySet().stream().anyMatch(dependents::contains)) {
                    dependents.add(s.name());
                    grew = true;
                }
            }
        }
        dependents.remove(failing);
        List<String> activated = w.fake().calls.stream().filter(c -> c.startsWith("activate "))
                .map(c -> c.split(" ")[1]).toList();
        for (String d : dependents) {
            assertThat(activated).doesNotContain(d);
            assertThat(report.notStarted()).contains(d);
        }
        var failed = report.services().stream().filter(s -> s.service().equals(failing)).findFirst().orElseThrow();
        assertThat(failed.exitCode()).isEqualTo(3);
        // the record holds exactly what runs
        assertThat(w.records().load("st").orElseThrow().services()).extracting(StackRecord.Service::service)
                .containsExactlyInAnyOrderElementsOf(w.fake().live.keySet());
    }
}
