package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** activate --hold: keeps checking for D after a healthy activation; reports a lapse with its evidence. */
class HealthHoldTest {
    static final VersionRef V1 = new VersionRef("1.0.0", "sha256:" + "1".repeat(64));
    static final VersionRef V2 = new VersionRef("2.0.0", "sha256:" + "2".repeat(64));

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:00:00Z"));
    final FakeSystemctl systemctl = new FakeSystemctl(Path.of("/nonexistent"));
    final List<Instant> checks = new ArrayList<>();
    /** What `status` says at each check, in order; the last repeats. */
    final List<ServiceStatus> script = new ArrayList<>();

    HealthHold hold() {
        return new HealthHold(name -> {
            checks.add(clock.instant());
            return script.get(Math.min(checks.size() - 1, script.size() - 1));
        }, systemctl, clock, when -> clock.advance(Duration.between(clock.instant(), when)));
    }

    static ServiceStatus status(VersionRef v, String active, String health) {
        return new ServiceStatus("api", "niso-api.service", "hello-api", v, Optional.of(V1), active,
                active.equals("active") ? "running" : "dead", health, Optional.empty(),
                health.equals("healthy") ? "GET /health: 200" : "GET /health: connection refused");
    }

    static ActivationResult activated(String health) {
        return new ActivationResult("api", "activated", Optional.of(V1), Optional.of(V2), health, 1200, Optional.empty());
    }

    @Test
    void aServiceThatStaysHealthyIsCheckedEverySecondForTheWholeHoldAndKeepsItsResult() {
        script.add(status(V2, "active", "healthy"));
        ActivationResult r = hold().hold(activated("healthy"), Duration.ofSeconds(3));
        assertThat(checks).hasSize(3);
        assertThat(checks.get(2)).isEqualTo(Instant.parse("2026-11-26T10:00:03Z"));
        assertThat(r.health()).isEqualTo("healthy");
        assertThat(r.failure()).isEmpty();
        assertThat(r.durationMs()).isEqualTo(4200);
        assertThat(HealthHold.exitCode(r)).isZero();
    }

    @Test
    void aLapseEndsTheHoldAtOnceWithTheUnitStatusJournalAndProbeOfThatMoment() {
        script.add(status(V2, "active", "healthy"));
        script.add(status(V2, "active", "unhealthy"));
        ActivationResult r = hold().hold(activated("healthy"), Duration.ofSeconds(10));
        assertThat(checks).hasSize(2);
        assertThat(r.outcome()).isEqualTo("activated");
        assertThat(r.health()).isEqualTo("unhealthy");
        var f = r.failure().orElseThrow();
        assertThat(f.reason()).startsWith("not healthy for the 10.0s hold after activation: health unhealthy");
        assertThat(f.unitStatus()).contains("niso-api.service");
        // From the activation's start (1.2 s before the hold began): the held version's lines only.
        assertThat(f.journalTail()).isEqualTo("journal of niso-api.service since 2026-11-26T09:59:58.800Z");
        assertThat(f.probeOutput()).isEqualTo("GET /health: connection refused");
        assertThat(HealthHold.exitCode(r)).isEqualTo(1);
    }

    @Test
    void anotherDigestOrAStoppedUnitIsALapse() {
        script.add(status(V1, "active", "healthy"));
        assertThat(hold().hold(activated("healthy"), Duration.ofSeconds(5)).failure().orElseThrow().reason())
                .contains("api no longer runs 2.0.0 (runs 1.0.0)");
        assertThat(HealthHold.lapse(status(V2, "failed", "unknown"), V2)).contains("niso-api.service is failed (dead)");
        assertThat(HealthHold.lapse(status(V2, "active", "none"), V2)).isEmpty();
    }

    @Test
    void nothingToHoldForAFailedActivationOrAZeroHold() {
        ActivationResult rolledBack = new ActivationResult("api", "rolled_back", Optional.of(V1), Optional.of(V2),
                "unhealthy", 900, Optional.of(new ActivationResult.Failure("probe failed", "", "", "")));
        assertThat(hold().hold(rolledBack, Duration.ofSeconds(5))).isSameAs(rolledBack);
        assertThat(HealthHold.exitCode(rolledBack)).isEqualTo(1);
        assertThat(hold().hold(activated("healthy"), Duration.ZERO)).isEqualTo(activated("healthy"));
        assertThat(checks).isEmpty();
    }
}
