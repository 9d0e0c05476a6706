package online.niso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import online.niso.common.json.Json;
import online.niso.testinfra.hosts.TestFleet;
import online.niso.testinfra.hosts.TestHost;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's failure paths end to end: the real {@code niso-fleet} distribution (a separate process, so it can be
 * SIGKILLed) against the real niso distribution on three real systemd test hosts. The service is named by the
 * stack ({@value RealFleet#SVC}), not after its package ({@value RealFleet#PKG}). Tests run in order; each
 * leaves the fleet converged for the next.
 */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "ssh", "ssh-keygen", "tar"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetFailuresRealHostsTest {
    @TempDir static Path work;
    private static TestFleet fleet;
    private static RealFleet rf;

    @BeforeAll
    static void boot() throws Exception {
        fleet = TestFleet.start(3);
        rf = new RealFleet(work, fleet);
        for (String v : List.of("1.0.0", "2.0.0", "3.0.0", "4.0.0", "5.0.0")) {
            rf.pack(v, "");
        }
        // Listens on 8081 while its health check asks 8080: unhealthy everywhere, with a journal line of its own.
        rf.pack("9.0.0", "PORT = \"8081\"\n");
        rf.writeFleet("");
        rf.writeStack("1.0.0");
        rf.bootstrap();
        assertThat(rf.run("deploy", "prod", "--yes")).as(rf.out + rf.err).isZero();
        rf.assertEverywhere("1.0.0");
    }

    @AfterAll
    static void shutdown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void sigkillOfTheControllerMidRolloutThenARerunTakesOverTheStaleLockAndConverges() throws Exception {
        rf.writeStack("2.0.0");
        Process p = rf.start("deploy", "prod", "--yes", "--json", "--max-parallel", "1");
        List<JsonNode> seen = readUntil(p, e -> e.path("event").asText().equals("host_step")
                && e.path("step").asText().startsWith("activating"));
        String victim = seen.get(seen.size() - 1).get("host").asText();
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no lock release, no summary
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        assertThat(rf.run("lock", "status", "prod")).as(rf.out + rf.err).isZero();
        assertThat(rf.out).contains("pid " + p.pid()); // the dead controller still holds the lock

        // Only the first host was started; the others never saw 2.0.0.
        assertThat(victim).isEqualTo("th1");
        for (String h : List.of("th2", "th3")) {
            assertThat(rf.versionOn(fleet.host(h))).isEqualTo("1.0.0");
        }
        // Same machine, holder's process gone: deploy takes the lock over (with a note) and converges.
        assertThat(rf.run("deploy", "prod", "--yes")).as(rf.out + rf.err).isZero();
        assertThat(rf.out + rf.err).contains("took over the deploy lock").contains("pid " + p.pid());
        rf.assertEverywhere("2.0.0");
        assertThat(rf.run("lock", "status", "prod")).as(rf.out + rf.err).isZero();
        assertThat(rf.out).doesNotContain("pid " + p.pid());
    }

    @Test
    @Order(2)
    void aLockLeftByAnotherMachineIsRefusedUntilItIsReleasedWithForce() throws Exception {
        TestHost first = fleet.host("th1");
        String dir = "/var/lib/niso/fleet-locks/e2e.prod.lock";
        first.exec("mkdir", "-p", "-m", "0700", dir).orThrow();
        first.exec("sh", "-c", "echo '{\"environment\":\"prod\",\"holder\":\"deploy@ci-runner-7\",\"pid\":4242,"
                + "\"since\":\"2026-11-26T03:00:00Z\",\"version\":\"0.1.0\",\"message\":\"nightly\"}' > " + dir
                + "/details.json").orThrow();
        rf.writeStack("3.0.0");
        assertThat(rf.run("deploy", "prod", "--yes")).as(rf.out + rf.err).isEqualTo(3);
        assertThat(rf.err).contains("deploy@ci-runner-7").contains("--force");
        assertThat(rf.run("lock", "release", "prod")).as(rf.out + rf.err).isEqualTo(3);
        assertThat(rf.run("lock", "release", "prod", "--force")).as(rf.out + rf.err).isZero();
        assertThat(rf.run("deploy", "prod", "--yes")).as(rf.out + rf.err).isZero();
        rf.assertEverywhere("3.0.0");
    }

    @Test
    @Order(3)
    void ofTwoConcurrentDeploysExactlyOneProceedsAndTheOtherExitsThreeNamingTheHolder() throws Exception {
        rf.writeStack("4.0.0");
        Process a = rf.start("deploy", "prod", "--yes", "--json");
        Process b = rf.start("deploy", "prod", "--yes", "--json");
        CompletableFuture<String> outA = drain(a);
        CompletableFuture<String> outB = drain(b);
        assertThat(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String textA = outA.get();
        String textB = outB.get();
        System.out.println("A exit " + a.exitValue() + "\n" + textA + "\nB exit " + b.exitValue() + "\n" + textB);
        assertThat(List.of(a.exitValue(), b.exitValue())).containsExactlyInAnyOrder(0, 3);
        Process winner = a.exitValue() == 0 ? a : b;
        String loser = a.exitValue() == 0 ? textB : textA;
        assertThat(loser).contains("is locked").contains("pid " + winner.pid());
        assertThat(loser).doesNotContain("wave_started"); // refused before it looked at the fleet
        rf.assertEverywhere("4.0.0");
    }

    @Test
    @Order(4)
    void aLinkCutDuringActivateReportsTheHostLostAndARerunConverges() throws Exception {
        rf.writeStack("5.0.0");
        TestHost th2 = fleet.host("th2");
        Process p = rf.start("deploy", "prod", "--yes", "--json", "--max-parallel", "1");
        CompletableFuture<String> rest;
        List<JsonNode> before;
        try {
            before = readUntil(p, e -> e.path("event").asText().equals("host_step") && e.path("host").asText().equals("th2")
                    && e.path("step").asText().startsWith("activating"));
            // The activate is on its way; cut while `niso activate --wait` runs on th2 (it waits out start_period).
            Thread.sleep(1500);
            th2.cutNetwork();
            rest = drain(p);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            th2.restoreNetwork();
        }
        StringBuilder all = new StringBuilder();
        before.forEach(e -> all.append(e).append('\n'));
        String out = all.append(rest.get()).toString();
        System.out.println("exit " + p.exitValue() + "\n" + out);
        assertThat(p.exitValue()).isEqualTo(1);
        JsonNode failed = events(out, "host_failed").get(0);
        assertThat(failed.get("host").asText()).isEqualTo("th2");
        assertThat(failed.get("reason").asText()).contains("host lost during `niso activate " + RealFleet.SVC);
        JsonNode summary = events(out, "summary").get(0);
        assertThat(summary.get("failed_host").asText()).isEqualTo("th2");
        assertThat(events(out, "wave_started")).hasSize(2); // th3 was never started

        // The rerun touches only hosts not at 5.0.0 and converges (th2's own niso finished or restored meanwhile).
        assertThat(rf.run("deploy", "prod", "--yes")).as(rf.out + rf.err).isZero();
        rf.assertEverywhere("5.0.0");
    }

    @Test
    @Order(5)
    void theFailureReportShowsTheFailedVersionsUnitStatusJournalAndProbeInTextAndJson() throws Exception {
        rf.writeStack("9.0.0");
        assertThat(rf.run("deploy", "prod", "--yes", "--json", "--max-parallel", "1")).as(rf.out + rf.err).isEqualTo(1);
        JsonNode failed = events(rf.out, "host_failed").get(0);
        assertThat(failed.get("host").asText()).isEqualTo("th1");
        JsonNode f = failed.get("failure");
        // Captured by the host before it restored 5.0.0: the unit of the failed version, its journal, the probe.
        // (The unit's text is the same for every version, so the version is named by the report's reason.)
        assertThat(failed.get("reason").asText()).startsWith(RealFleet.SVC + " 9.0.0 rolled_back: ");
        assertThat(f.get("unit_status").asText()).contains("niso-" + RealFleet.SVC + ".service");
        assertThat(f.get("journal_tail").asText()).contains("hello-api 9.0.0 listening on :")
                .doesNotContain("hello-api 5.0.0");
        assertThat(f.get("probe_output").asText()).contains(":8080/health");
        rf.assertEverywhere("5.0.0");

        assertThat(rf.run("deploy", "prod", "--yes", "--max-parallel", "1")).as(rf.out + rf.err).isEqualTo(1);
        assertThat(rf.out).contains("[th1] ✗").contains("unit status:").contains("journal tail:")
                .contains("probe output:").contains(f.get("probe_output").asText().strip().split("\n")[0]);
        rf.assertEverywhere("5.0.0");
    }

    @Test
    @Order(6)
    void statusExitsOneAndNamesTheHostWhoseSshdIsDown() throws Exception {
        TestHost th3 = fleet.host("th3");
        th3.stopSshd();
        try {
            assertThat(rf.run("status", "prod")).as(rf.out + rf.err).isEqualTo(1);
            assertThat(rf.err).contains("1 of 3 hosts unreachable: th3");
            assertThat(rf.out).containsPattern("th3 +- +- +unreachable");
            assertThat(rf.run("status", "prod", "--json")).isEqualTo(1);
            assertThat(rf.out).contains("\"reachable\":false");
        } finally {
            th3.exec("systemctl", "start", "ssh.service").orThrow();
        }
        assertThat(rf.run("status", "prod")).as(rf.out + rf.err).isZero();
    }

    // ---- helpers ----

    /** Reads p's JSON lines until one matches; returns all read. Fails if p ends first. */
    private static List<JsonNode> readUntil(Process p, Predicate<JsonNode> stop) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<JsonNode> seen = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            System.out.println("| " + line);
            if (line.startsWith("{")) {
                JsonNode e = Json.mapper().readTree(line);
                seen.add(e);
                if (stop.test(e)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("niso-fleet ended before the awaited event; saw " + seen);
    }

    private static CompletableFuture<String> drain(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static List<JsonNode> events(String out, String name) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode e = Json.mapper().readTree(line);
                if (e.path("event").asText().equals(name)) {
                    all.add(e);
                }
            }
        }
        return all;
    }
}
