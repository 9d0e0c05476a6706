package online.niso.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import online.niso.common.json.Json;
import online.niso.common.pkg.PackResult;
import online.niso.fleet.remote.RetryPolicies;
import online.niso.testinfra.fake.FakeFleet;
import online.niso.testinfra.fake.FakeNode;
import online.niso.testinfra.fixtures.TestArtifacts;
import online.niso.testinfra.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole CLI (picocli → config → snapshot → plan → executor → output) against a FakeFleet. */
class FleetCliTest {
    static final String D1 = "sha256:" + "1".repeat(64);
    static final FakeNode.Pkg V1 = new FakeNode.Pkg("hello-api", "1.0.0", D1);
    static final List<String> HOSTS = List.of("web-1", "web-2", "web-3", "web-4", "web-5");

    @TempDir Path dir;
    final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    final FakeFleet fleet = new FakeFleet(clock, HOSTS);
    FakeNode.Pkg v2;
    FleetEnvironment.Controller controller = new FleetEnvironment.Controller("ci@controller", 4242, pid -> pid == 4242);
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void setUp() throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            hosts.append("[[environments.prod.host]]\nname = \"web-").append(i).append("\"\naddress = \"ssh://root@10.0.0.")
                    .append(i).append("\"\nlabels = { role = \"web\", zone = \"").append(i <= 2 ? "a" : "b").append("\" }\n\n");
            fleet.node("web-" + i).running("api", V1);
        }
        Files.writeString(dir.resolve("fleet.toml"), "[fleet]\nname = \"demo\"\nstack = \"stack.toml\"\n\n"
                + "[deploy]\nstrategy = \"rolling\"\nmax_parallel = 2\nmin_healthy_time = \"10s\"\nhealthy_deadline = \"1m\"\n"
                + "progress_deadline = \"5m\"\n\n[environments.prod]\n\n" + hosts);
        Files.writeString(dir.resolve("stack.toml"), "[stack]\nname = \"demo\"\n\n[[service]]\nname = \"api\"\npackage = \"hello-api:2.0.0\"\n");
        PackResult p = TestArtifacts.pack(dir.resolve("packages"), "hello-api", "2.0.0", "v2");
        v2 = new FakeNode.Pkg("hello-api", "2.0.0", p.digest());
        fleet.artifact(p.file(), v2);
    }

    int run(String... args) {
        return runWith(Map.of(), args);
    }

    int runWith(Map<String, String> env, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        FleetEnvironment world = new FleetEnvironment(new PrintWriter(out), new PrintWriter(err), env, clock, false,
                new BufferedReader(new StringReader("")), dir, o -> fleet, clock::advance, new RetryPolicies(2, Duration.ofMillis(1)),
                controller);
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "-f";
        full[args.length + 1] = dir.resolve("fleet.toml").toString();
        return FleetMain.run(world, full);
    }

    @Test
    void planShowsWavesAndChangesNothing() {
        assertThat(run("plan", "prod")).isZero();
        assertThat(out.toString()).contains("Plan for prod: 5 hosts to change", "wave 1 (rolling, 2 hosts)", "wave 3 (rolling, 1 host)",
                "web-1  api  1.0.0 → hello-api:2.0.0");
        for (String h : HOSTS) {
            assertThat(fleet.node(h).nisoCalls()).isEmpty();
        }
    }

    @Test
    void traceShowsWhereTheControllersTimeGoesOnlyWhenAskedFor() {
        assertThat(runWith(Map.of("NISO_FLEET_TRACE", "1"), "deploy", "prod", "--yes")).as(err.toString()).isZero();
        String trace = err.toString();
        for (String phase : new String[] {"config loaded", "lock acquired", "snapshot collected", "planned",
                "rollout finished", "audit recorded", "lock released", "ssh sessions closed"}) {
            assertThat(trace).containsPattern("trace: \\+-?\\d+ms " + phase);
        }
        assertThat(trace.indexOf("lock acquired")).isLessThan(trace.indexOf("planned"));
        assertThat(run("deploy", "prod", "--yes")).isZero();
        assertThat(err.toString()).doesNotContain("trace:");
    }

    @Test
    void deployConvergesWithOneLinePerHostAndASummary() {
        assertThat(run("deploy", "prod", "--yes", "--message", "release 2")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Deploying prod: release 2", "[web-1] ✓ uploaded → activated → healthy (",
                "HOST   RESULT     DETAIL", "web-5  converged  healthy");
        for (String h : HOSTS) {
            assertThat(fleet.node(h).running("api")).contains(v2);
        }
        assertThat(run("deploy", "prod", "--yes")).isZero();
        assertThat(out.toString()).contains("Nothing to do");
    }

    @Test
    void aFailedHostRevertsTheFleetPrintsItsJournalAndExitsOne() {
        fleet.node("web-3").failHealthOnActivate("api", "2.0.0",
                new FakeNode.Failure("health check failed", "● niso-api.service", "api[7]: cannot bind :8080", "connection refused"));
        assertThat(run("deploy", "prod", "--yes", "--max-parallel", "1")).isEqualTo(1);
        assertThat(out.toString()).contains("[web-3] ✗", "journal tail:", "api[7]: cannot bind :8080",
                "reverting 2 hosts to the previous release: web-1, web-2", "[web-1] ↩ reverted: api → 1.0.0");
        assertThat(err.toString()).contains("error: rollout reverted: web-3");
        for (String h : HOSTS) {
            assertThat(fleet.node(h).running("api")).contains(V1);
        }
        assertThat(fleet.node("web-4").nisoCalls()).isEmpty();
    }

    @Test
    void jsonLinesForMachines() throws Exception {
        assertThat(run("deploy", "prod", "--json", "--strategy", "all-at-once")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(Json.mapper().readTree(lines.get(0)).get("event").asText()).isEqualTo("plan");
        assertThat(Json.mapper().readTree(lines.get(lines.size() - 1)).get("outcome").asText()).isEqualTo("converged");
        for (String l : lines) {
            assertThat(Json.mapper().readTree(l).get("schema").asInt()).isEqualTo(1);
        }
        // Every host reports the start of its activate (a controller watching for it, e.g. to profile or to kill
        // the run, needs no text parsing) and every rollout event carries the controller's time.
        List<com.fasterxml.jackson.databind.JsonNode> steps = new java.util.ArrayList<>();
        for (String l : lines) {
            var e = Json.mapper().readTree(l);
            if (e.get("event").asText().equals("host_step")) {
                steps.add(e);
                assertThat(java.time.Instant.parse(e.get("at").asText())).isNotNull();
            }
        }
        assertThat(steps).filteredOn(e -> e.get("step").asText().equals("activating api")).hasSize(5);
    }

    @Test
    void aSavedPlanIsRefusedWithExitThreeOnceTheFleetChanged() {
        Path plan = dir.resolve("plan.json");
        assertThat(run("plan", "prod", "--out", plan.toString())).isZero();
        fleet.node("web-5").running("api", v2); // someone deployed by hand meanwhile
        assertThat(run("deploy", "prod", "--plan", plan.toString(), "--yes")).isEqualTo(3);
        assertThat(err.toString()).contains("the fleet changed since the plan was made");
        assertThat(fleet.node("web-1").nisoCalls()).isEmpty();
    }

    @Test
    void aSavedPlanRunsWhileTheFleetIsUnchanged() {
        Path plan = dir.resolve("plan.json");
        assertThat(run("plan", "prod", "--out", plan.toString())).isZero();
        assertThat(run("deploy", "prod", "--plan", plan.toString(), "--yes")).isZero();
    }

    @Test
    void anUnreachableHostAbortsBeforeAnyChangeByDefault() {
        fleet.remote("web-2").setUnreachable(true);
        assertThat(run("deploy", "prod", "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("1 of 5 hosts unreachable", "web-2", "nothing was changed");
        for (String h : HOSTS) {
            assertThat(fleet.node(h).nisoCalls()).isEmpty();
        }
    }

    @Test
    void continuePastUnreachableDeploysTheRestAndSaysItDidNotConverge() {
        fleet.remote("web-2").setUnreachable(true);
        assertThat(run("deploy", "prod", "--yes", "--on-unreachable", "continue")).isEqualTo(1);
        assertThat(err.toString()).contains("not converged: web-2 unreachable");
        assertThat(fleet.node("web-1").running("api")).contains(v2);
        assertThat(fleet.node("web-2").running("api")).contains(V1);
        fleet.remote("web-2").setUnreachable(false);
        assertThat(run("deploy", "prod", "--yes")).isZero();
        assertThat(fleet.node("web-2").running("api")).contains(v2);
        assertThat(fleet.node("web-1").nisoCalls()).as("converged hosts are skipped on the rerun").hasSize(1);
    }

    @Test
    void hostsSelectorLimitsTheRollout() {
        assertThat(run("deploy", "prod", "--yes", "--hosts", "zone=a")).isZero();
        assertThat(fleet.node("web-1").running("api")).contains(v2);
        assertThat(fleet.node("web-3").running("api")).contains(V1);
    }

    @Test
    void statusVersionsAndRollback() throws Exception {
        assertThat(run("deploy", "prod", "--yes")).isZero();
        assertThat(run("status", "prod")).isZero();
        assertThat(out.toString()).startsWith("HOST   SERVICE  VERSION  STATUS          HEALTH\n")
                .contains("web-1  api      2.0.0    active/running  healthy");
        assertThat(run("versions", "prod", "api")).isZero();
        assertThat(out.toString()).contains("PREVIOUS").contains("2.0.0").contains("1.0.0");
        assertThat(run("status", "prod", "--json")).isZero();
        assertThat(Json.mapper().readTree(out.toString()).at("/hosts/0/services/0/previous/version").asText()).isEqualTo("1.0.0");
        assertThat(run("rollback", "prod", "api")).isZero();
        assertThat(out.toString()).contains("[web-1] ↩ rolled back api → 1.0.0");
        for (String h : HOSTS) {
            assertThat(fleet.node(h).running("api")).contains(V1);
        }
    }

    @Test
    void statusExitsOneAndNamesTheHostItCouldNotReach() throws Exception {
        fleet.remote("web-2").setUnreachable(true);
        assertThat(run("status", "prod")).isEqualTo(1);
        assertThat(out.toString()).contains("web-1  api").containsPattern("web-2 +- +- +unreachable");
        assertThat(err.toString()).startsWith("1 of 5 hosts unreachable: web-2 (");
        assertThat(run("status", "prod", "--json")).isEqualTo(1);
        assertThat(Json.mapper().readTree(out.toString()).at("/hosts/1/reachable").asBoolean()).isFalse();
        fleet.remote("web-2").setUnreachable(false);
        assertThat(run("status", "prod")).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void userErrorsAreExitTwoWithOneLineEach() throws Exception {
        assertThat(run("deploy", "prdo", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown environment \"prdo\"").contains("did you mean \"prod\"");
        assertThat(run("deploy", "prod", "--strategy", "sideways")).isEqualTo(2);
        assertThat(run("deploy", "prod", "--strategy", "all-at-once", "--max-parallel", "2")).isEqualTo(2);
        assertThat(run("deploy", "prod", "--hosts", "zone=c")).isEqualTo(2);
        Files.delete(Files.list(dir.resolve("packages")).findFirst().orElseThrow());
        assertThat(run("plan", "prod")).isEqualTo(2);
        assertThat(err.toString()).contains("no package file for hello-api:2.0.0");
        Files.writeString(dir.resolve("fleet.toml"), "[fleet]\nname = 3\n");
        assertThat(run("plan", "prod")).isEqualTo(2);
        assertThat(err.toString()).contains("fleet.toml:2");
        assertThat(err.toString()).doesNotContain("Exception");
    }

    @Test
    void aSecondDeployIsRefusedByTheLockWithExitThreeAndTheHolder() {
        controller = new FleetEnvironment.Controller("alice@laptop", 7, pid -> true);
        assertThat(run("lock", "acquire", "prod", "--message", "db maintenance")).isZero();
        controller = new FleetEnvironment.Controller("ci@controller", 4242, pid -> true);
        assertThat(run("deploy", "prod", "--yes")).isEqualTo(3);
        assertThat(err.toString()).contains("environment prod is locked: held by alice@laptop (pid 7)", "db maintenance",
                "--lock-wait");
        for (String h : HOSTS) {
            assertThat(fleet.node(h).nisoCalls()).isEmpty();
        }
        assertThat(run("lock", "status", "prod")).isZero();
        assertThat(out.toString()).contains("alice@laptop");
        assertThat(run("lock", "release", "prod")).as("someone else's lock").isEqualTo(3);
        assertThat(run("lock", "release", "prod", "--force")).isZero();
        assertThat(run("deploy", "prod", "--yes")).isZero();
        assertThat(run("lock", "status", "prod")).isZero();
        assertThat(out.toString()).contains("prod: not locked");
    }

    @Test
    void lockWaitGivesUpAfterTheWaitWithExitThree() {
        controller = new FleetEnvironment.Controller("alice@laptop", 7, pid -> true);
        assertThat(run("lock", "acquire", "prod")).isZero();
        controller = new FleetEnvironment.Controller("ci@controller", 4242, pid -> true);
        java.time.Instant before = clock.instant();
        assertThat(run("deploy", "prod", "--yes", "--lock-wait", "1m")).isEqualTo(3);
        assertThat(java.time.Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void aLockLeftByAKilledControllerOnThisMachineIsTakenOverWithANote() {
        controller = new FleetEnvironment.Controller("ci@controller", 1111, pid -> false); // the old process is gone
        assertThat(run("lock", "acquire", "prod")).isZero();
        controller = new FleetEnvironment.Controller("ci@controller", 4242, pid -> pid == 4242);
        assertThat(run("deploy", "prod", "--yes")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("note: took over the deploy lock of a controller that is gone");
    }

    @Test
    void canaryWithManualPromoteStopsAfterTheCanaryThenPromoteDoesTheRest() throws Exception {
        String f = Files.readString(dir.resolve("fleet.toml")).replace("strategy = \"rolling\"",
                "strategy = \"canary\"\ncanary = 1\nauto_promote = false");
        Files.writeString(dir.resolve("fleet.toml"), f);
        assertThat(run("deploy", "prod", "--yes")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("canaries healthy; promote with `niso-fleet deploy prod --promote`");
        assertThat(fleet.node("web-1").running("api")).contains(v2);
        assertThat(fleet.node("web-2").running("api")).contains(V1);
        assertThat(run("deploy", "prod", "--yes", "--promote")).as(err.toString()).isZero();
        for (String h : HOSTS) {
            assertThat(fleet.node(h).running("api")).contains(v2);
        }
        assertThat(fleet.node("web-1").nisoCalls()).as("the canary is not activated twice").hasSize(1);
        assertThat(run("deploy", "prod", "--yes", "--promote", "--strategy", "rolling")).isEqualTo(2);
    }

    @Test
    void everyDeployIsRecordedLocallyAndOnTheHostsItTouched() throws Exception {
        fleet.node("web-3").failHealthOnActivate("api", "2.0.0", new FakeNode.Failure("unhealthy", "", "", ""));
        assertThat(run("deploy", "prod", "--yes", "--max-parallel", "1", "--message", "try 2.0.0")).isEqualTo(1);
        assertThat(run("audit", "prod")).isZero();
        assertThat(out.toString()).contains("reverted", "ci@controller", "try 2.0.0");
        List<String> local = Files.readAllLines(dir.resolve(".local/state/niso-fleet/audit.jsonl"));
        assertThat(local).hasSize(1);
        assertThat(Json.mapper().readTree(local.get(0)).get("failed_host").asText()).isEqualTo("web-3");
        assertThat(fleet.node("web-1").fileNames()).anyMatch(p -> p.startsWith("/var/lib/niso/fleet-audit/prod-"));
        assertThat(fleet.node("web-3").fileNames()).anyMatch(p -> p.startsWith("/var/lib/niso/fleet-audit/prod-"));
        assertThat(fleet.node("web-4").fileNames()).as("untouched hosts get no record")
                .noneMatch(p -> p.startsWith("/var/lib/niso/fleet-audit/"));
    }

    /**
     * The plan's snapshot asks every host the status niso answers without a JVM (no health probes), and the probed
     * `niso status` only of hosts whose skipping depends on health; a niso that predates `--cached` is asked again.
     */
    @Test
    void planningProbesHealthOnlyWhereItDecidesASkip() {
        fleet.node("web-2").running("api", v2);
        fleet.node("web-3").running("api", v2).health("api", "unhealthy");
        fleet.node("web-5").withoutCachedStatus();
        assertThat(run("plan", "prod")).as(err.toString()).isZero();
        for (String h : HOSTS) {
            assertThat(fleet.node(h).commands()).as(h).contains("niso status --json --cached");
        }
        assertThat(fleet.node("web-2").commands()).as("at the target: probed").contains("niso status --json");
        assertThat(fleet.node("web-3").commands()).as("at the target: probed").contains("niso status --json");
        assertThat(fleet.node("web-5").commands()).as("older niso").contains("niso status --json");
        for (String h : List.of("web-1", "web-4")) {
            assertThat(fleet.node(h).commands()).as(h).doesNotContain("niso status --json");
        }
        assertThat(out.toString()).contains("Plan for prod: 4 hosts to change, 1 unchanged",
                "web-3  api  2.0.0 → hello-api:2.0.0", "skip\n  web-2  already at digest");
    }
}
