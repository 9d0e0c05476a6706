package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.model.HealthCheck;
import online.niso.node.health.ProbeSample;
import online.niso.node.health.Prober;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The waiting loop with an injected clock and sleeper: how soon a fast app is seen healthy (issue 4). */
class HealthWaiterTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The app answers from {@code upAfterMs} after its start; the check's interval is the manifest's 2 s. */
    @ParameterizedTest
    @ValueSource(longs = {0, 40, 120, 250, 400, 900, 2500})
    void aFastAppIsJudgedHealthySoonAfterItAnswers(long upAfterMs, @TempDir Path root) throws Exception {
        FakeClock clock = new FakeClock(T0);
        Path unitDir = root.resolve("etc/systemd/system");
        Files.createDirectories(unitDir);
        Files.writeString(unitDir.resolve("niso-api.service"), "[Service]\nType=simple\n");
        FakeSystemctl systemctl = new FakeSystemctl(unitDir);
        systemctl.daemonReload();
        systemctl.start("niso-api.service");
        List<Instant> probes = new ArrayList<>();
        Prober prober = (probe, timeout) -> {
            probes.add(clock.instant());
            boolean up = !clock.instant().isBefore(T0.plusMillis(upAfterMs));
            return new ProbeSample(clock.instant(), up, up ? "200" : "connection refused");
        };
        HealthWaiter waiter = new HealthWaiter(systemctl, clock, when -> clock.advance(Duration.between(clock.instant(),
                when)));
        HealthCheck check = new HealthCheck(new HealthCheck.Http(URI.create("http://127.0.0.1:8080/health")),
                Duration.ofSeconds(2), Duration.ofSeconds(1), 3, Duration.ofSeconds(5));

        HealthWaiter.Outcome o = waiter.awaitReadiness("niso-api.service", check, prober, T0, T0.plusSeconds(30));

        assertThat(o.healthy()).isTrue();
        long lateBy = Duration.between(T0.plusMillis(upAfterMs), clock.instant()).toMillis();
        // Seen within one back-off step of answering: ≤ 0.15 s late in the first 0.25 s, never more than the
        // 1 s waiting cap; before, every probe was 1 s apart.
        assertThat(lateBy).isBetween(0L, upAfterMs < 250 ? 150L : 1000L);
        assertThat(probes.get(0)).isEqualTo(T0);
        if (upAfterMs > 0) {
            assertThat(Duration.between(probes.get(0), probes.get(1))).isEqualTo(Duration.ofMillis(100));
        }
        // Same semantics otherwise: no probe was counted as a failure (start period), none after the pass.
        assertThat(probes.get(probes.size() - 1)).isEqualTo(clock.instant());
        assertThat(Optional.of(o.lastProbe())).contains("200");
    }
}
