package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationServiceTest {
    static final ActivationService.Options WAIT = new ActivationService.Options(true, Optional.empty());

    @TempDir Path root;
    TestHostFixture host;
    ActivationService niso;
    Pointers pointers;

    @BeforeEach
    void setUp() {
        host = new TestHostFixture(root);
        niso = host.service();
        pointers = new Pointers(host.paths);
        host.install("api", "1.0.0");
        host.install("api", "2.0.0");
        host.healthy.add("1.0.0");
    }

    @Test
    void firstActivationWritesUnitRootfsPointersAndHistory() throws Exception {
        ActivationResult r = niso.activate("api", Optional.of("1.0.0"), WAIT);

        assertThat(r.outcome()).isEqualTo("activated");
        assertThat(r.health()).isEqualTo("healthy");
        assertThat(r.from()).isEmpty();
        assertThat(r.to().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(r.exitCode(false)).isZero();
        assertThat(pointers.current("api")).contains("1.0.0");
        assertThat(pointers.previous("api")).isEmpty();
        ActivationPlan plan = niso.render("api", Optional.of("1.0.0"));
        assertThat(host.unitText("api")).contains("ExecStart=/app/bin/my-api --port 8080",
                "RootDirectory=/opt/niso/services/api/rootfs/" + plan.rootfsKey(),
                "BindReadOnlyPaths=/opt/niso/services/api/current/app:/app",
                "EnvironmentFile=/opt/niso/services/api/current/environment");
        // The unit reaches version 1.0.0 through the service's `current` link only.
        assertThat(host.paths.liveRelease("api").resolve("app").toRealPath())
                .isEqualTo(host.paths.packageVersionDir("api", "1.0.0").toRealPath());
        assertThat(host.paths.liveRelease("api").resolve("rootfs").resolve("etc/hosts")).exists();
        assertThat(host.paths.liveRelease("api").resolve("environment")).hasContent(plan.files().environment());
        assertThat(host.paths.pendingActivation("api")).doesNotExist();
        assertThat(host.systemctl.calls).containsSubsequence("daemon-reload", "enable niso-api.service",
                "restart niso-api.service");
        assertThat(niso.history("api")).singleElement().satisfies(h -> {
            assertThat(h.outcome()).isEqualTo("activated");
            assertThat(h.who()).isEqualTo("tester");
            assertThat(h.currentAfter()).contains("1.0.0");
        });
    }

    @Test
    void upgradeMovesCurrentToPrevious() {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        host.healthy.add("2.0.0");

        ActivationResult r = niso.activate("api", Optional.empty(), WAIT); // newest installed

        assertThat(r.outcome()).isEqualTo("activated");
        assertThat(r.from().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(r.to().orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(pointers.current("api")).contains("2.0.0");
        assertThat(pointers.previous("api")).contains("1.0.0");
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("2.0.0");
    }

    /** Issue 4: the unit's text is the same for both versions, so neither an upgrade nor a rollback reloads. */
    @Test
    void upgradeAndRollbackOfOneDefinitionNeedNoDaemonReload() throws Exception {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        String unit = host.unitText("api");
        long reloads = host.systemctl.count("daemon-reload");
        host.healthy.add("2.0.0");

        assertThat(niso.activate("api", Optional.of("2.0.0"), WAIT).outcome()).isEqualTo("activated");
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("2.0.0");
        assertThat(niso.rollback("api", WAIT).outcome()).isEqualTo("rolled_back");
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("1.0.0");
        assertThat(niso.activate("api", Optional.of("2.0.0"), WAIT).outcome()).isEqualTo("activated");

        assertThat(host.unitText("api")).isEqualTo(unit);
        assertThat(host.systemctl.count("daemon-reload")).isEqualTo(reloads);
        assertThat(host.systemctl.count("restart niso-api.service")).isEqualTo(4);
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("2.0.0");
        // Two release directories, one rootfs skeleton shared by both versions.
        assertThat(Files.list(host.paths.serviceDir("api").resolve("releases")).count()).isEqualTo(2);
        assertThat(Files.list(host.paths.serviceDir("api").resolve("rootfs")).count()).isEqualTo(1);
    }

    /**
     * A service last activated by a niso before release directories has no release directory or content-named
     * rootfs; an exec probe (status, health) runs in them, so probing makes them first.
     */
    @Test
    void anExecProbeMakesTheVersionsReleaseDirectoryAndRootfsIfMissing() throws Exception {
        host.install("api", "3.0.0", TestHostFixture.manifest("api", "3.0.0", "").replace(
                "http = \"http://127.0.0.1:8080/health\"", "exec = [\"/app/bin/my-api\", \"--check\"]"));
        host.healthy.add("3.0.0");
        assertThat(niso.activate("api", Optional.of("3.0.0"), WAIT).outcome()).isEqualTo("activated");
        ActivationPlan plan = niso.render("api", Optional.of("3.0.0"));
        assertThat(plan.healthCheck().orElseThrow().probe()).isInstanceOf(online.niso.common.model.HealthCheck.Exec.class);
        Path release = host.paths.releaseDir("api", plan.files().key());
        Path rootfs = host.paths.rootfsDir("api", plan.rootfsKey());
        RootfsCleanup.deleteTree(release);
        RootfsCleanup.deleteTree(rootfs);

        var s = host.status().services(Optional.of("api")).get(0);

        assertThat(s.health()).isEqualTo("healthy");
        assertThat(release.resolve("environment")).exists();
        assertThat(rootfs.resolve("etc/passwd")).exists();
    }

    @Test
    void unhealthyVersionIsRolledBackWithDiagnostics() throws Exception {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        String v1Unit = host.unitText("api");

        ActivationResult r = niso.activate("api", Optional.of("2.0.0"), WAIT); // 2.0.0 never healthy

        assertThat(r.outcome()).isEqualTo("rolled_back");
        assertThat(r.exitCode(false)).isEqualTo(1);
        assertThat(r.health()).isEqualTo("unhealthy");
        ActivationResult.Failure f = r.failure().orElseThrow();
        assertThat(f.reason()).contains("consecutive probe failures");
        // The check says 127.0.0.1; the service answers on its own address inside its namespace.
        assertThat(f.probeOutput()).contains("http://10.99.0.2:8080/health failed");
        assertThat(f.unitStatus()).contains("niso-api.service");
        assertThat(f.journalTail()).contains("journal of niso-api.service");
        // Only 2.0.0's runs: the journal is read from the 2.0.0 restart on (1.0.0's restart was the first).
        assertThat(host.systemctl.starts).extracting(Map.Entry::getKey).startsWith("niso-api.service", "niso-api.service");
        assertThat(host.systemctl.starts.get(1).getValue()).isAfter(host.systemctl.starts.get(0).getValue());
        assertThat(f.journalTail()).endsWith(" since " + host.systemctl.starts.get(1).getValue());
        assertThat(host.unitText("api")).isEqualTo(v1Unit);
        assertThat(pointers.current("api")).contains("1.0.0");
        assertThat(pointers.previous("api")).isEmpty();
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("1.0.0");
        assertThat(niso.history("api")).extracting(HistoryEntry::outcome).containsExactly("activated", "rolled_back");
    }

    @Test
    void healthWaitHonoursTheStartPeriodAndTheDeadline() {
        host.healthy.clear();
        ActivationResult r = niso.activate("api", Optional.of("1.0.0"),
                new ActivationService.Options(true, Optional.of(Duration.ofSeconds(3))));
        // start period 4s > deadline 3s: no failure counted, the deadline decides
        assertThat(r.failure().orElseThrow().reason()).startsWith("not healthy within 3s");
        assertThat(r.outcome()).isEqualTo("failed");
    }

    @Test
    void firstActivationThatFailsLeavesNothingRunning() {
        host.healthy.clear();
        ActivationResult r = niso.activate("api", Optional.of("1.0.0"), WAIT);

        assertThat(r.outcome()).isEqualTo("failed");
        assertThat(r.exitCode(false)).isEqualTo(1);
        assertThat(host.paths.unitFile("api")).doesNotExist();
        assertThat(pointers.current("api")).isEmpty();
        assertThat(host.systemctl.calls).contains("stop niso-api.service", "disable niso-api.service");
    }

    @Test
    void activatingTheActiveVersionAgainIsANoOp() {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        int calls = host.systemctl.calls.size();

        ActivationResult r = niso.activate("api", Optional.of("1.0.0"), WAIT);

        assertThat(r.outcome()).isEqualTo("unchanged");
        assertThat(r.health()).isEqualTo("healthy");
        assertThat(host.systemctl.calls.subList(calls, host.systemctl.calls.size()))
                .noneMatch(c -> c.startsWith("restart") || c.equals("daemon-reload"));
    }

    @Test
    void activeButUnhealthySameVersionIsRestartedNotReportedUnchanged() {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        host.healthy.clear();
        ActivationResult r = niso.activate("api", Optional.of("1.0.0"), new ActivationService.Options(true,
                Optional.of(Duration.ofSeconds(20))));
        assertThat(r.outcome()).isEqualTo("failed"); // nothing older to restore
        assertThat(pointers.current("api")).contains("1.0.0");
    }

    @Test
    void rollbackSwapsCurrentAndPrevious() {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        host.healthy.add("2.0.0");
        niso.activate("api", Optional.of("2.0.0"), WAIT);

        ActivationResult r = niso.rollback("api", WAIT);

        assertThat(r.outcome()).isEqualTo("rolled_back");
        assertThat(r.exitCode(true)).isZero();
        assertThat(r.to().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(pointers.current("api")).contains("1.0.0");
        assertThat(pointers.previous("api")).contains("2.0.0");
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("1.0.0");
        assertThat(niso.history("api")).extracting(HistoryEntry::outcome)
                .containsExactly("activated", "activated", "rolled_back");
    }

    @Test
    void rollbackToAnUnhealthyPreviousIsUndoneAndFails() {
        host.healthy.add("2.0.0");
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        niso.activate("api", Optional.of("2.0.0"), WAIT);
        host.healthy.remove("1.0.0");

        ActivationResult r = niso.rollback("api", WAIT);

        assertThat(r.outcome()).isEqualTo("failed");
        assertThat(r.exitCode(true)).isEqualTo(1);
        assertThat(pointers.current("api")).contains("2.0.0");
        assertThat(pointers.previous("api")).contains("1.0.0");
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("2.0.0");
    }

    @Test
    void rollbackWithoutPreviousFails() {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        ActivationResult r = niso.rollback("api", WAIT);
        assertThat(r.outcome()).isEqualTo("failed");
        assertThat(r.exitCode(true)).isEqualTo(1);
        assertThat(r.failure().orElseThrow().reason()).contains("no previous version");
    }

    @Test
    void deactivateStopsDisablesAndRemovesTheUnit() {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        ActivationResult r = niso.deactivate("api");
        assertThat(r.outcome()).isEqualTo("deactivated");
        assertThat(host.paths.unitFile("api")).doesNotExist();
        assertThat(pointers.current("api")).isEmpty();
        assertThat(pointers.previous("api")).contains("1.0.0");
        assertThat(host.systemctl.calls).containsSubsequence("stop niso-api.service", "disable niso-api.service",
                "daemon-reload");
    }

    @Test
    void failingPreActivateHookChangesNothing() throws Exception {
        host.install("api", "3.0.0", TestHostFixture.manifest("api", "3.0.0", """
                [hooks]
                pre_activate = "scripts/migrate.sh"
                """));
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        String unit = host.unitText("api");
        host.hookExit.put("pre-activate", 3);

        ActivationResult r = niso.activate("api", Optional.of("3.0.0"), WAIT);

        assertThat(r.outcome()).isEqualTo("failed");
        assertThat(r.failure().orElseThrow().reason()).contains("pre_activate hook scripts/migrate.sh exited 3");
        assertThat(host.sandboxRuns).containsExactly("pre-activate /app/scripts/migrate.sh");
        assertThat(host.unitText("api")).isEqualTo(unit);
        assertThat(pointers.current("api")).contains("1.0.0");
    }

    @Test
    void hooksRunAroundAHealthyActivationAndOnUnhealthy() {
        String hooks = """
                [hooks]
                pre_activate = "scripts/pre.sh"
                post_activate = "scripts/post.sh"
                on_unhealthy = "scripts/sick.sh"
                """;
        host.install("api", "3.0.0", TestHostFixture.manifest("api", "3.0.0", hooks));
        host.install("api", "4.0.0", TestHostFixture.manifest("api", "4.0.0", hooks));
        host.healthy.add("3.0.0");
        niso.activate("api", Optional.of("3.0.0"), WAIT);
        ActivationResult r = niso.activate("api", Optional.of("4.0.0"), WAIT);

        assertThat(host.sandboxRuns).containsExactly("pre-activate /app/scripts/pre.sh",
                "post-activate /app/scripts/post.sh", "pre-activate /app/scripts/pre.sh",
                "on-unhealthy /app/scripts/sick.sh");
        assertThat(r.failure().orElseThrow().probeOutput()).contains("on_unhealthy hook exited 0: on-unhealthy output");
    }

    @Test
    void killedDuringRestartIsRepairedByTheNextCommand() throws Exception {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        String v1Unit = host.unitText("api");
        host.healthy.add("2.0.0");
        // An Error nobody catches, thrown where systemctl restart would run: what a SIGKILL there leaves behind.
        ActivationService killed = new ActivationService(host.paths, host.clock, new KillingSystemctl(host.systemctl),
                new HealthWaiter(host.systemctl, host.clock, host.clock.sleeper()), (u, p, a, t) -> null,
                u -> (p, t) -> null, "tester", host.networking);
        assertThatThrownBy(() -> killed.activate("api", Optional.of("2.0.0"), WAIT)).isInstanceOf(Killed.class);
        assertThat(host.paths.pendingActivation("api")).exists();
        assertThat(pointers.current("api")).contains("2.0.0");

        assertThat(niso.repairNow("api")).isTrue();

        assertThat(host.paths.pendingActivation("api")).doesNotExist();
        assertThat(pointers.current("api")).contains("1.0.0");
        assertThat(pointers.previous("api")).isEmpty();
        assertThat(host.unitText("api")).isEqualTo(v1Unit);
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("1.0.0");
        assertThat(niso.history("api")).extracting(HistoryEntry::action).containsExactly("activate", "repair");
        assertThat(niso.repairNow("api")).isFalse();
    }

    @Test
    void unknownVersionAndBadNamesAreInvalidInput() {
        assertThatThrownBy(() -> niso.activate("api", Optional.of("9.9.9"), WAIT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("installed: 1.0.0, 2.0.0");
        assertThatThrownBy(() -> niso.activate("../etc", Optional.empty(), WAIT))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> niso.activate("other", Optional.empty(), WAIT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not installed");
    }

    @Test
    void renderIsExactlyWhatActivateWrites() throws Exception {
        ActivationPlan plan = niso.render("api", Optional.of("1.0.0"));
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        assertThat(host.unitText("api")).isEqualTo(plan.unitText());
        assertThat(Files.list(host.paths.rootfsDir("api", plan.rootfsKey())).map(p -> p.getFileName().toString()).sorted()
                .toList()).containsAll(List.of("app", "etc", "proc", "tmp"));
    }

    @Test
    void statusReportsPointersStateHealthAndSince() {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        host.healthy.add("2.0.0");
        host.clock.advance(Duration.ofMinutes(5));
        niso.activate("api", Optional.of("2.0.0"), WAIT);
        var since = host.clock.instant();
        niso.activate("api", Optional.of("2.0.0"), WAIT); // unchanged: does not move "since"

        ServiceStatus s = host.status().services(Optional.empty()).get(0);

        assertThat(s.current().version()).isEqualTo("2.0.0");
        assertThat(s.previous().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(s.activeState()).isEqualTo("active");
        assertThat(s.subState()).isEqualTo("running");
        assertThat(s.health()).isEqualTo("healthy");
        assertThat(s.since()).isPresent();
        assertThat(s.since().get()).isBeforeOrEqualTo(since).isAfter(since.minusSeconds(60));
    }

    static final class Killed extends Error {
        Killed() {
            super("SIGKILL");
        }
    }

    /** Dies (an Error nothing catches) when asked to restart: like SIGKILL at that point. */
    record KillingSystemctl(FakeSystemctl inner) implements online.niso.node.systemd.Systemctl {
        public void daemonReload() { inner.daemonReload(); }
        public void start(String u) { inner.start(u); }
        public void stop(String u) { inner.stop(u); }
        public void restart(String u) { throw new Killed(); }
        public void enable(String u) { inner.enable(u); }
        public void disable(String u) { inner.disable(u); }
        public void resetFailed(String u) { inner.resetFailed(u); }
        public java.util.Map<String, String> show(String u, List<String> p) { return inner.show(u, p); }
        public String status(String u) { return inner.status(u); }
        public String journalTail(String u, int n) { return inner.journalTail(u, n); }
    }
}
