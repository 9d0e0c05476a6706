package online.niso.node.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import online.niso.common.error.ConfigException;
import online.niso.common.error.InvalidInputException;
import online.niso.node.store.NodePaths;
import online.niso.testinfra.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack shell over fakes: order, waiting conditions, failure stop, idempotency, records, down. */
class StackOrchestratorTest {
    static final String PLATFORM = """
            [stack]
            name = "my-platform"

            [networks]
            backend = { subnet = "10.99.1.0/24" }

            [[service]]
            name = "api"
            package = "api:1.0.0"
            depends_on = { db = "healthy", cache = "started", migrate = "completed" }

            [[service]]
            name = "db"
            package = "db:16"

            [[service]]
            name = "cache"
            package = "cache:7"

            [[service]]
            name = "migrate"
            package = "migrate:1.0.0"
            depends_on = { db = "healthy" }
            """;

    @TempDir Path dir;
    MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    FakeStackActivator fake = new FakeStackActivator(Instant.parse("2026-11-26T10:00:00Z"));
    FakeStackNetworks nets;
    StackRecords records;
    StackOrchestrator stacks;
    List<String> out = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fake.install("api", "1.0.0", FakeStackActivator.CHECK);
        fake.install("api", "1.1.0", FakeStackActivator.CHECK);
        fake.install("db", "16", FakeStackActivator.CHECK);
        fake.install("cache", "7", FakeStackActivator.CHECK);
        fake.install("migrate", "1.0.0", FakeStackActivator.ONESHOT);
        nets = new FakeStackNetworks(fake.calls);
        records = new StackRecords(NodePaths.of(dir.resolve("root")));
        stacks = new StackOrchestrator(fake, nets, records, clock, clock::set, Runnable::run);
    }

    StackFile file(String text) throws Exception {
        Path f = dir.resolve("stack.toml");
        Files.writeString(f, text);
        return StackFile.load(f);
    }

    @Test
    void upCreatesNetworksThenActivatesLevelByLevelWaitingForEachCondition() throws Exception {
        var report = stacks.up(file(PLATFORM), Optional.empty(), out::add);
        assertThat(report.ok()).isTrue();
        assertThat(fake.calls).containsExactly(
                "ensure network backend",
                "activate cache 7 started",
                "activate db 16 healthy",
                "activate migrate 1.0.0 completed",
                "activate api 1.0.0 healthy");
        assertThat(out).containsExactly(
                "network backend created (10.99.1.0/24)",
                "cache started",
                "db started (healthy in 1.5s)",
                "migrate completed (exit 0)",
                "api started (healthy in 1.5s)");
        StackRecord r = records.load("my-platform").orElseThrow();
        assertThat(r.services()).extracting(StackRecord.Service::service).containsExactly("api", "cache", "db", "migrate");
        assertThat(r.service("migrate").orElseThrow().oneshot()).isTrue();
        assertThat(r.networks()).extracting(StackRecord.Net::name).containsExactly("backend");
        assertThat(r.fileDigest()).startsWith("sha256:");
    }

    @Test
    void aSecondUpChangesNothingAndSaysSo() throws Exception {
        stacks.up(file(PLATFORM), Optional.empty(), out::add);
        fake.calls.clear();
        out.clear();
        var again = stacks.up(file(PLATFORM), Optional.empty(), out::add);
        assertThat(again.nothingToDo()).isTrue();
        assertThat(fake.calls).containsExactly("ensure network backend");
        assertThat(out).containsExactly("stack my-platform: nothing to do (4 services unchanged)");
        assertThat(stacks.plan(file(PLATFORM)).nothingToDo()).isTrue();
    }

    @Test
    void aFailedJobStopsUpBeforeAnythingDependingOnItStarts() throws Exception {
        fake.jobExit.put("migrate", 3);
        var report = stacks.up(file(PLATFORM), Optional.empty(), out::add);
        assertThat(report.ok()).isFalse();
        assertThat(fake.calls).doesNotContain("activate api 1.0.0 healthy");
        assertThat(report.notStarted()).containsExactly("api");
        var migrate = report.services().stream().filter(s -> s.service().equals("migrate")).findFirst().orElseThrow();
        assertThat(migrate.exitCode()).isEqualTo(3);
        assertThat(migrate.journalTail()).contains("status=3/");
        assertThat(out).contains("migrate failed (exit 3): systemctl restart niso-migrate.service failed",
                "  journal of migrate (last lines):", "    migration failed: table exists", "not started: api");
        // what did start, and the failed job that stays current, is recorded, so down can remove it
        assertThat(records.load("my-platform").orElseThrow().services()).extracting(StackRecord.Service::service)
                .containsExactly("cache", "db", "migrate");
        assertThat(stacks.plan(file(PLATFORM)).change("migrate").orElseThrow().reasons())
                .containsExactly("not running (failed)");
        // fixed: the next up starts only what is missing
        fake.jobExit.remove("migrate");
        fake.calls.clear();
        assertThat(stacks.up(file(PLATFORM), Optional.empty(), out::add).ok()).isTrue();
        assertThat(fake.calls).containsExactly("ensure network backend", "activate migrate 1.0.0 completed",
                "activate api 1.0.0 healthy");
    }

    @Test
    void servicesOfOneLevelAreActivatedInParallel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch bothInside = new CountDownLatch(2);
            fake.during = () -> {
                bothInside.countDown();
                try {
                    // cache and db (level 0) must both be inside activate before either may finish
                    if (fake.calls.size() <= 3 && !bothInside.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the other level-0 service never started");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            stacks = new StackOrchestrator(fake, nets, records, clock, clock::set, pool);
            var report = stacks.up(file(PLATFORM), Optional.empty(), out::add);
            assertThat(report.ok()).as(out.toString()).isTrue();
            assertThat(bothInside.getCount()).isZero();
            // output stays in level order and sorted within a level, whatever finished first
            assertThat(out.subList(1, 3)).containsExactly("cache started", "db started (healthy in 1.5s)");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void validationErrorsComeAllAtOnceBeforeAnythingChanges() throws Exception {
        StackFile f = file(PLATFORM.replace("db:16", "db:17").replace("cache:7", "cache:8"));
        assertThatThrownBy(() -> stacks.up(f, Optional.empty(), out::add)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(String.join("\n", e.userMessages())).contains("package db:17 is not available")
                        .contains("package cache:8 is not available"));
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void whatActivationWouldRefuseIsReportedForEveryServiceBeforeAnythingChanges() throws Exception {
        fake.refuse.put("api", "binary.entrypoint: \"../x\" leaves the package (contains ..)");
        fake.refuse.put("db", "volumes.data: mount /proc is reserved");
        assertThatThrownBy(() -> stacks.up(file(PLATFORM), Optional.empty(), out::add))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("stack.toml: service api: binary.entrypoint: \"../x\" leaves the package (contains ..)"
                        + "\nstack.toml: service db: volumes.data: mount /proc is reserved");
        assertThat(fake.calls).isEmpty();
        assertThat(records.names()).isEmpty();
    }

    @Test
    void removedServicesGoFirstAndChangedOnesAreUpgraded() throws Exception {
        stacks.up(file(PLATFORM), Optional.empty(), out::add);
        fake.calls.clear();
        out.clear();
        String edited = PLATFORM.replace("api:1.0.0", "api:1.1.0")
                .replace(", cache = \"started\"", "")
                .replace("""
                        [[service]]
                        name = "cache"
                        package = "cache:7"

                        """, "");
        var report = stacks.up(file(edited), Optional.empty(), out::add);
        assertThat(report.ok()).isTrue();
        assertThat(fake.calls).containsExactly("ensure network backend", "deactivate cache",
                "activate api 1.1.0 healthy");
        assertThat(out).containsExactly("cache removed (not in the stack file any more)",
                "api upgraded to 1.1.0 (healthy in 1.5s)");
        assertThat(records.load("my-platform").orElseThrow().service("cache")).isEmpty();
    }

    @Test
    void upgradeIsHealthGatedAndRecordedOnlyOnSuccess() throws Exception {
        stacks.up(file(PLATFORM), Optional.empty(), out::add);
        fake.unhealthy.add("api:1.1.0");
        out.clear();
        var bad = stacks.upgrade(file(PLATFORM), "api", "1.1.0", Optional.empty(), out::add);
        assertThat(bad.state()).isEqualTo("rolled_back");
        assertThat(out.get(0)).isEqualTo("api failed and was rolled back: health check failed 3 times");
        assertThat(records.load("my-platform").orElseThrow().service("api").orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(fake.live("api").version()).isEqualTo("1.0.0");

        fake.unhealthy.clear();
        var good = stacks.upgrade(file(PLATFORM), "api", "1.1.0", Optional.empty(), out::add);
        assertThat(good.state()).isEqualTo("healthy");
        assertThat(records.load("my-platform").orElseThrow().service("api").orElseThrow().version()).isEqualTo("1.1.0");
        // the file still says 1.0.0: diff shows it, up would go back
        assertThat(stacks.plan(file(PLATFORM)).change("api").orElseThrow().reasons()).contains("version 1.1.0 → 1.0.0");

        assertThatThrownBy(() -> stacks.upgrade(file(PLATFORM), "api", "9.9.9", Optional.empty(), out::add))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("api:9.9.9 is not installed");
        assertThatThrownBy(() -> stacks.upgrade(file(PLATFORM), "web", "1.0.0", Optional.empty(), out::add))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no service web");
    }

    @Test
    void downStopsDependentsFirstRemovesNetworksAndKeepsVolumes() throws Exception {
        stacks.up(file(PLATFORM), Optional.empty(), out::add);
        fake.calls.clear();
        out.clear();
        // no file needed: the only recorded stack
        StackRecord r = records.resolve(Optional.empty());
        var report = stacks.down(r, false, out::add);
        assertThat(fake.calls).containsExactly("deactivate api", "deactivate migrate", "deactivate db",
                "deactivate cache", "remove network backend");
        assertThat(report.volumesRemoved()).isEmpty();
        assertThat(fake.calls).noneMatch(c -> c.startsWith("remove-stack-volumes"));
        assertThat(out).contains("network backend removed", "volumes kept (stack down --volumes removes them)");
        assertThat(records.names()).isEmpty();
        assertThat(nets.networks).isEmpty();
    }

    @Test
    void downWithVolumesRemovesThemAndKeepsANetworkOthersStillUse() throws Exception {
        stacks.up(file(PLATFORM), Optional.empty(), out::add);
        nets.inUse.add("backend");
        fake.calls.clear();
        var report = stacks.down(records.load("my-platform").orElseThrow(), true, out::add);
        assertThat(fake.calls).contains("remove-volumes db", "remove-volumes api", "remove-stack-volumes my-platform");
        assertThat(report.networksKept()).containsExactly("backend");
        assertThat(out).contains("network backend kept (still used by other services)");
    }

    @Test
    void waitPollsUntilHealthyOrTheDeadline() throws Exception {
        stacks.up(file(PLATFORM), Optional.empty(), out::add);
        StackRecord r = records.load("my-platform").orElseThrow();
        fake.failingProbes.put("api", 3);
        var ok = stacks.await(r, "api", Duration.ofSeconds(10));
        assertThat(ok.ok()).isTrue();
        assertThat(ok.took()).isEqualTo(Duration.ofSeconds(3));

        fake.failingProbes.put("api", 1000);
        var late = stacks.await(r, "api", Duration.ofSeconds(5));
        assertThat(late.ok()).isFalse();
        assertThat(late.reason()).startsWith("not ready after 5.0s");
        assertThat(stacks.await(r, "migrate", Duration.ofSeconds(1)).state()).isEqualTo("completed");
        assertThatThrownBy(() -> stacks.await(r, "nope", Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no service nope");
    }

    @Test
    void statusListsServicesInStartOrder() throws Exception {
        stacks.up(file(PLATFORM), Optional.empty(), out::add);
        var live = stacks.status(records.load("my-platform").orElseThrow());
        assertThat(live).extracting(StackActivator.Live::service).containsExactly("cache", "db", "migrate", "api");
        assertThat(live).extracting(StackActivator.Live::status).containsExactly("active", "active", "completed",
                "active");
    }

    @Test
    void severalRecordedStacksNeedANameAndAnUnknownNameSaysWhichExist() throws Exception {
        stacks.up(file(PLATFORM), Optional.empty(), out::add);
        stacks.up(file(PLATFORM.replace("my-platform", "other").replace("backend", "back2")
                .replace("10.99.1.0/24", "10.99.2.0/24")), Optional.empty(), out::add);
        assertThatThrownBy(() -> records.resolve(Optional.empty())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("several stacks are deployed (my-platform, other)");
        assertThatThrownBy(() -> records.resolve(Optional.of("nope"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deployed: my-platform, other");
    }
}
