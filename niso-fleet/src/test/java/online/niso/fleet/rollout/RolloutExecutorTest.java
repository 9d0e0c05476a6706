package online.niso.fleet.rollout;

import static online.niso.fleet.Fixtures.API_2;
import static online.niso.fleet.Fixtures.D1;
import static online.niso.fleet.Fixtures.D2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import online.niso.common.model.CountOrPercent;
import online.niso.common.model.HostSpec;
import online.niso.common.model.RolloutPolicy;
import online.niso.fleet.Fixtures;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.SnapshotCollector;
import online.niso.fleet.plan.Change;
import online.niso.fleet.plan.RolloutPlan;
import online.niso.fleet.plan.RolloutPlanner;
import online.niso.fleet.remote.NodeCommands;
import online.niso.fleet.remote.RetryPolicies;
import online.niso.testinfra.fake.FakeFleet;
import online.niso.testinfra.fake.FakeNode;
import online.niso.testinfra.time.MutableClock;
import org.junit.jupiter.api.Test;

/** The executor against FakeFleet hosts, asserting the recorded calls (Nomad's mockBackend.assertCalls). */
class RolloutExecutorTest {
    static final FakeNode.Pkg V1 = new FakeNode.Pkg("hello-api", "1.0.0", D1);
    static final FakeNode.Pkg V2 = new FakeNode.Pkg("hello-api", "2.0.0", D2);
    static final FakeNode.Failure PROBE_FAILED = new FakeNode.Failure("health check did not pass within 5m",
            "● niso-api.service - hello-api 2.0.0", "web-3 hello-api[42]: database unreachable", "GET /health: 503");
    static final RetryPolicies NO_WAIT = new RetryPolicies(2, Duration.ofMillis(1));

    final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    final FakeFleet fleet = new FakeFleet(clock, Fixtures.names(5)).artifact(Fixtures.FILE_2, V2);
    final List<RolloutEvent> events = new CopyOnWriteArrayList<>();

    RolloutExecutorTest() {
        for (String h : Fixtures.names(5)) {
            fleet.node(h).running("api", V1);
        }
    }

    RolloutResult deploy(RolloutPolicy policy) {
        return deploy(policy, java.util.Optional.empty());
    }

    RolloutResult deploy(RolloutPolicy policy, java.util.Optional<online.niso.fleet.inventory.StackFile> stack) {
        DesiredFleet desired = Fixtures.desired(policy, 5, API_2, D2);
        Map<String, HostSpec> specs = desired.hosts().stream()
                .collect(Collectors.toMap(DesiredFleet.DesiredHost::name, DesiredFleet.DesiredHost::host));
        FleetSnapshot snapshot = new SnapshotCollector(fleet, new NodeCommands(), NO_WAIT, 4)
                .collect(desired.hosts().stream().map(DesiredFleet.DesiredHost::host).toList());
        RolloutPlan plan = new RolloutPlanner().plan(desired, snapshot);
        RolloutExecutor executor = new RolloutExecutor(fleet, specs::get, new NodeCommands(), clock,
                clock::advance, events::add);
        stack.ifPresent(executor::withStack);
        try {
            return executor.execute(plan);
        } finally {
            fleet.close();
        }
    }

    List<String> calls(int host) {
        return fleet.node("web-" + host).nisoCalls();
    }

    @Test
    void healthFailsOnHostThreeOfFive_onlyHostsOneToThreeAreTouchedAndTheFleetEndsOnThePreviousRelease() {
        fleet.node("web-3").failHealthOnActivate("api", "2.0.0", PROBE_FAILED);

        RolloutResult r = deploy(Fixtures.rolling(CountOrPercent.count(1)));

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.REVERTED);
        assertThat(r.ok()).isFalse();
        assertThat(calls(1)).containsExactly("activate api 2.0.0", "rollback api");
        assertThat(calls(2)).containsExactly("activate api 2.0.0", "rollback api");
        // Host 3 restored itself inside its own `activate --wait`; reverting it again would be a no-op at best.
        assertThat(calls(3)).containsExactly("activate api 2.0.0");
        assertThat(calls(4)).isEmpty();
        assertThat(calls(5)).isEmpty();
        assertThat(fleet.node("web-4").commands()).containsExactly("niso status --json");
        for (int i = 1; i <= 5; i++) {
            assertThat(fleet.node("web-" + i).running("api")).as("web-%d", i).contains(V1);
        }
        assertThat(r.failedHost()).contains("web-3");
        assertThat(r.failure().orElseThrow().journalTail()).contains("database unreachable");
        assertThat(r.failure().orElseThrow().probeOutput()).contains("503");
        assertThat(r.hosts()).extracting(RolloutResult.HostReport::host, RolloutResult.HostReport::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web-1", RolloutResult.HostState.REVERTED),
                org.assertj.core.groups.Tuple.tuple("web-2", RolloutResult.HostState.REVERTED),
                org.assertj.core.groups.Tuple.tuple("web-3", RolloutResult.HostState.FAILED),
                org.assertj.core.groups.Tuple.tuple("web-4", RolloutResult.HostState.UNTOUCHED),
                org.assertj.core.groups.Tuple.tuple("web-5", RolloutResult.HostState.UNTOUCHED));
        assertThat(events).filteredOn(e -> e instanceof RolloutEvent.RevertStarted).hasSize(1);
    }

    @Test
    void rollingDeployConvergesWithEachHostHoldingMinHealthyTimeItself() {
        RolloutResult r = deploy(Fixtures.rolling(CountOrPercent.count(2)));

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.CONVERGED);
        for (int i = 1; i <= 5; i++) {
            assertThat(fleet.node("web-" + i).running("api")).contains(V2);
            assertThat(calls(i)).containsExactly("activate api 2.0.0");
            assertThat(fleet.node("web-" + i).uploads()).hasSize(1);
            assertThat(fleet.connections("web-" + i)).as("one connection per host for the whole rollout").isEqualTo(1);
            // Held on the host: min_healthy_time goes to activate --hold; no status polls from the controller
            // (one status per host: the snapshot), and the call's timeout covers healthy_deadline + the hold.
            assertThat(fleet.node("web-" + i).commands()).filteredOn(c -> c.startsWith("niso activate"))
                    .singleElement().asString().contains("--wait --timeout 300s --hold 10s --json");
            assertThat(fleet.node("web-" + i).commands().stream().filter(c -> c.equals("niso status --json")).count())
                    .isEqualTo(1);
        }
        assertThat(events).filteredOn(e -> e instanceof RolloutEvent.WaveStarted).extracting(e -> ((RolloutEvent.WaveStarted) e).hosts())
                .containsExactly(List.of("web-1", "web-2"), List.of("web-3", "web-4"), List.of("web-5"));
        RolloutEvent.HostConverged c = (RolloutEvent.HostConverged) events.stream()
                .filter(e -> e instanceof RolloutEvent.HostConverged).findFirst().orElseThrow();
        assertThat(c.steps()).containsExactly("uploaded", "activated", "healthy");
    }

    @Test
    void aHostThatTurnsUnhealthyWhileHeldIsRevertedWithTheOthers() {
        fleet.node("web-2").turnUnhealthyAfterActivate("api", "2.0.0");

        RolloutResult r = deploy(Fixtures.rolling(CountOrPercent.count(1)));

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.REVERTED);
        assertThat(calls(1)).containsExactly("activate api 2.0.0", "rollback api");
        assertThat(calls(2)).containsExactly("activate api 2.0.0", "rollback api");
        assertThat(calls(3)).isEmpty();
        // The host held min_healthy_time itself (--hold) and reported the lapse with what it saw then.
        assertThat(fleet.node("web-2").commands()).anyMatch(c -> c.startsWith("niso activate api 2.0.0") && c.contains(" --hold 10s "));
        // The snapshot, and the revert's look at where the service is before it rolls back.
        assertThat(fleet.node("web-2").commands()).filteredOn(c -> c.startsWith("niso status")).hasSize(2);
        assertThat(r.reason().orElseThrow()).contains("api 2.0.0 unhealthy: not healthy for the hold after activation");
        assertThat(r.failure().orElseThrow().journalTail()).isEqualTo("journal of niso-api");
        assertThat(fleet.node("web-2").running("api")).contains(V1);
    }

    @Test
    void withoutAutoRevertTheRolloutStopsAndReportsWhoRunsWhat() {
        fleet.node("web-3").failHealthOnActivate("api", "2.0.0", PROBE_FAILED);
        RolloutPolicy p = Fixtures.rolling(CountOrPercent.count(1));
        p = new RolloutPolicy(p.strategy(), p.maxParallel(), p.canary(), p.autoPromote(), p.minHealthyTime(),
                p.healthyDeadline(), p.progressDeadline(), false, p.pauseBetweenWaves());

        RolloutResult r = deploy(p);

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.FAILED);
        assertThat(calls(1)).containsExactly("activate api 2.0.0");
        assertThat(r.hosts().get(0).state()).isEqualTo(RolloutResult.HostState.SWITCHED);
        assertThat(r.hosts().get(0).detail()).contains("runs api 2.0.0");
        assertThat(fleet.node("web-1").running("api")).contains(V2);
        assertThat(calls(4)).isEmpty();
    }

    @Test
    void aHostLostBeforeActivateIsNotRevertedButTheOthersAre() {
        fleet.node("web-2"); // reachable for the snapshot, lost when its turn comes
        RolloutPolicy p = Fixtures.rolling(CountOrPercent.count(1));
        DesiredFleet desired = Fixtures.desired(p, 5, API_2, D2);
        FleetSnapshot snapshot = new SnapshotCollector(fleet, new NodeCommands(), NO_WAIT, 4)
                .collect(desired.hosts().stream().map(DesiredFleet.DesiredHost::host).toList());
        RolloutPlan plan = new RolloutPlanner().plan(desired, snapshot);
        fleet.remote("web-2").setUnreachable(true);
        Function<String, HostSpec> specs = n -> desired.hosts().stream().filter(h -> h.name().equals(n)).findFirst().orElseThrow().host();
        RolloutResult r = new RolloutExecutor(fleet, specs, new NodeCommands(), clock, clock::advance,
                events::add).execute(plan);

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.REVERTED);
        assertThat(r.failedHost()).contains("web-2");
        assertThat(r.reason().orElseThrow()).contains("connection refused");
        assertThat(calls(1)).containsExactly("activate api 2.0.0", "rollback api");
        assertThat(calls(3)).isEmpty();
    }

    @Test
    void canaryWithoutAutoPromoteStopsAfterTheCanaryWave() {
        RolloutPolicy c = Fixtures.canary(CountOrPercent.count(1), CountOrPercent.count(2));
        c = new RolloutPolicy(c.strategy(), c.maxParallel(), c.canary(), false, c.minHealthyTime(), c.healthyDeadline(),
                c.progressDeadline(), c.autoRevert(), c.pauseBetweenWaves());

        RolloutResult r = deploy(c);

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.AWAITING_PROMOTION);
        assertThat(r.ok()).isTrue();
        assertThat(calls(1)).containsExactly("activate api 2.0.0");
        assertThat(calls(2)).isEmpty();
    }

    @Test
    void allAtOnceSwitchesEveryHostInOneWave() {
        RolloutResult r = deploy(Fixtures.allAtOnce());
        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.CONVERGED);
        assertThat(events).filteredOn(e -> e instanceof RolloutEvent.WaveStarted).hasSize(1);
        for (int i = 1; i <= 5; i++) {
            assertThat(fleet.node("web-" + i).running("api")).contains(V2);
        }
    }

    @Test
    void aHostThatAlreadyHasTheDigestGetsNoUpload() {
        fleet.node("web-1").running("api", V2).running("api", V1); // 2.0.0 installed, 1.0.0 active
        RolloutResult r = deploy(Fixtures.rolling(CountOrPercent.count(5)));
        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.CONVERGED);
        assertThat(fleet.node("web-1").uploads()).isEmpty();
        assertThat(fleet.node("web-1").commands()).contains("niso activate api 2.0.0 --package hello-api --wait --timeout 300s --hold 10s --json");
        assertThat(fleet.node("web-2").uploads()).hasSize(1);
    }

    @Test
    void theStackFileIsUploadedOncePerHostUnderItsDigestAndNamedToEveryActivate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = tmp.resolve("stack.toml");
        java.nio.file.Files.writeString(file, "[stack]\nname = \"e2e\"\n");
        var stack = online.niso.fleet.inventory.StackFile.of(file);
        String remote = NodeCommands.incomingStackPath(stack.digest());
        fleet.remote("web-2").upload(file, remote, Duration.ofSeconds(5)); // web-2 has it from an earlier run

        RolloutResult r = deploy(Fixtures.rolling(CountOrPercent.count(5)), java.util.Optional.of(stack));

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.CONVERGED);
        for (int i = 1; i <= 5; i++) {
            FakeNode node = fleet.node("web-" + i);
            assertThat(node.stackOf("api")).as("web-%d", i).contains(remote);
            assertThat(node.commands()).as("web-%d", i).contains("test -f " + remote)
                    .anyMatch(c -> c.startsWith("niso activate api 2.0.0 --package hello-api --stack " + remote + " --from "));
        }
        // One upload of the stack where it was missing, none where it was there.
        assertThat(fleet.node("web-1").uploadLog()).filteredOn(remote::equals).hasSize(1);
        assertThat(fleet.node("web-2").uploadLog()).filteredOn(remote::equals).hasSize(1); // the earlier run's only
    }

    @Test
    void aStopRequestStartsNoNewWaveAndRevertsWhatWasSwitched() {
        RolloutPolicy policy = Fixtures.rolling(CountOrPercent.count(2));
        DesiredFleet desired = Fixtures.desired(policy, 5, API_2, D2);
        FleetSnapshot snapshot = new SnapshotCollector(fleet, new NodeCommands(), NO_WAIT, 4)
                .collect(desired.hosts().stream().map(DesiredFleet.DesiredHost::host).toList());
        RolloutPlan plan = new RolloutPlanner().plan(desired, snapshot);
        Function<String, HostSpec> specs = n -> desired.hosts().stream().filter(h -> h.name().equals(n)).findFirst().orElseThrow().host();
        RolloutExecutor[] executor = new RolloutExecutor[1];
        // As the SIGINT hook does: the request arrives while wave 1 is in flight.
        executor[0] = new RolloutExecutor(fleet, specs, new NodeCommands(), clock, clock::advance, e -> {
            events.add(e);
            if (e instanceof RolloutEvent.WaveStarted) {
                executor[0].requestStop();
            }
        });

        RolloutResult r = executor[0].execute(plan);

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.STOPPED);
        assertThat(calls(1)).containsExactly("activate api 2.0.0", "rollback api");
        assertThat(calls(2)).containsExactly("activate api 2.0.0", "rollback api");
        assertThat(calls(3)).isEmpty();
        assertThat(fleet.node("web-1").running("api")).contains(V1);
    }

    @Test
    void anActivationWithUnreadableOutputCountsAsSwitchedAndIsRevertedToo() {
        fleet.node("web-2").garbleActivateOutput("api", "2.0.0");

        RolloutResult r = deploy(Fixtures.rolling(CountOrPercent.count(1)));

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.REVERTED);
        assertThat(r.reason().orElseThrow()).contains("unexpected `niso activate --json` output");
        assertThat(calls(2)).containsExactly("activate api 2.0.0", "rollback api");
        assertThat(fleet.node("web-2").running("api")).contains(V1);
        assertThat(calls(3)).isEmpty();
    }

    @Test
    void theRevertRestoresThePreviousReleaseWithItsOwnDefinitionNotTheRolloutsStackEntry(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        var before = new online.niso.common.model.StackService("api", Fixtures.API_1, List.of(), List.of(), Map.of(),
                java.util.Optional.empty(), Map.of(), Map.of("MODE", "one"), java.util.Optional.empty());
        java.nio.file.Path file = tmp.resolve("stack.toml");
        java.nio.file.Files.writeString(file, """
                [stack]
                name = "e2e"

                [[service]]
                name = "api"
                package = "hello-api:2.0.0"
                [service.environment]
                MODE = "two"
                """);
        var after = online.niso.common.config.StackParser.parse("stack.toml", java.nio.file.Files.readString(file))
                .service("api").orElseThrow();
        FakeFleet f = new FakeFleet(clock, Fixtures.names(3)).artifact(Fixtures.FILE_2, V2);
        Fixtures.names(3).forEach(h -> f.node(h).running("api", V1, before));
        f.node("web-3").failHealthOnActivate("api", "2.0.0", PROBE_FAILED);
        DesiredFleet plain = Fixtures.desired(Fixtures.rolling(CountOrPercent.count(1)), 3, API_2, D2);
        DesiredFleet desired = new DesiredFleet("prod", plain.policy(), plain.hosts().stream().map(h ->
                new DesiredFleet.DesiredHost(h.host(), h.services().stream().map(s -> new DesiredFleet.DesiredService(
                        s.service(), s.pkg(), s.digest(), s.artifact(), after)).toList())).toList());
        FleetSnapshot snapshot = new SnapshotCollector(f, new NodeCommands(), NO_WAIT, 4)
                .collect(desired.hosts().stream().map(DesiredFleet.DesiredHost::host).toList());
        Function<String, HostSpec> specs = n -> desired.hosts().stream().filter(h -> h.name().equals(n)).findFirst()
                .orElseThrow().host();

        RolloutResult r = new RolloutExecutor(f, specs, new NodeCommands(), clock, clock::advance, events::add)
                .withStack(online.niso.fleet.inventory.StackFile.of(file))
                .execute(new RolloutPlanner().plan(desired, snapshot));

        assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.REVERTED);
        for (String h : List.of("web-1", "web-2")) {
            assertThat(f.node(h).running("api")).as(h).contains(V1);
            assertThat(f.node(h).definitionOf("api")).as(h + ": 1.0.0 runs with MODE=one again").contains(before);
            assertThat(f.node(h).nisoCalls()).as(h).last().isEqualTo("rollback api");
        }
    }

    @Test
    void aConfigOnlyChangeCannotBeRevertedOnTheHostAndTheReportSaysSo() {
        // Same release, changed definition: the host has no other definition of 1.0.0 to go back to.
        var before = new online.niso.common.model.StackService("api", Fixtures.API_1, List.of(), List.of(), Map.of(),
                java.util.Optional.empty(), Map.of(), Map.of("MODE", "one"), java.util.Optional.empty());
        Change c = new Change(new DesiredFleet.DesiredService("api", Fixtures.API_1, D1,
                new online.niso.fleet.inventory.Artifact(Fixtures.API_1, D1, Fixtures.FILE_2),
                DesiredFleet.plainConfig("api", Fixtures.API_1)), java.util.Optional.of(Fixtures.release("1.0.0", D1)),
                java.util.Optional.of("hello-api"), false, "config changed: environment keys -MODE",
                java.util.Optional.of(online.niso.common.stack.ServiceConfigDigest.of(before)));
        assertThat(new RollbackPlanner().plan(List.of(new RollbackPlanner.Switched("web-1", List.of(c))), 1)
                .get(0).get(0).steps()).singleElement().isInstanceOf(RollbackPlanner.Unrestorable.class)
                .asString().contains("deploy the previous stack.toml");
    }
}
