package online.niso.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HealthJudgeTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final HealthPolicy POLICY = new HealthPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3,
            Duration.ofSeconds(5));
    static final Instant DEADLINE = T0.plusSeconds(60);

    static ProbeSample fail(long secondsAfterStart) {
        return new ProbeSample(T0.plusSeconds(secondsAfterStart), false, "connection refused");
    }

    static ProbeSample pass(long secondsAfterStart) {
        return new ProbeSample(T0.plusSeconds(secondsAfterStart), true, "200");
    }

    @Test
    void noSampleYetMeansProbeNow() {
        assertThat(HealthJudge.decide(List.of(), POLICY, T0, T0, DEADLINE)).isEqualTo(new HealthVerdict.Pending(T0));
    }

    @Test
    void firstSuccessIsHealthy() {
        assertThat(HealthJudge.decide(List.of(fail(0), fail(1), pass(2)), POLICY, T0, T0.plusSeconds(2), DEADLINE))
                .isEqualTo(new HealthVerdict.Healthy(T0.plusSeconds(2)));
    }

    @Test
    void failuresInsideTheStartPeriodDoNotCount() {
        List<ProbeSample> samples = List.of(fail(0), fail(1), fail(2), fail(3), fail(4));
        assertThat(HealthJudge.decide(samples, POLICY, T0, T0.plusSeconds(4), DEADLINE))
                .isInstanceOf(HealthVerdict.Pending.class);
    }

    @Test
    void retriesConsecutiveFailuresOneIntervalApartAreUnhealthy() {
        // Probed every second; failures counted at 5, 7, 9 → the third counted failure decides.
        List<ProbeSample> samples = new ArrayList<>();
        for (int s = 5; s <= 8; s++) {
            samples.add(fail(s));
        }
        assertThat(HealthJudge.decide(samples, POLICY, T0, T0.plusSeconds(8), DEADLINE))
                .isInstanceOf(HealthVerdict.Pending.class);
        samples.add(fail(9));
        assertThat(HealthJudge.decide(samples, POLICY, T0, T0.plusSeconds(9), DEADLINE))
                .isInstanceOf(HealthVerdict.Unhealthy.class)
                .extracting(v -> ((HealthVerdict.Unhealthy) v).reason()).asString()
                .contains("3 consecutive", "connection refused");
    }

    @Test
    void theDeadlineEndsTheWaitWithTheLastProbeOutput() {
        HealthPolicy patient = new HealthPolicy(Duration.ofSeconds(30), Duration.ofSeconds(1), 3, Duration.ZERO);
        HealthVerdict v = HealthJudge.decide(List.of(fail(1)), patient, T0, DEADLINE, DEADLINE);
        assertThat(v).isInstanceOf(HealthVerdict.Unhealthy.class);
        assertThat(((HealthVerdict.Unhealthy) v).reason()).contains("within 60s", "connection refused");
    }

    @Test
    void whileWaitingItProbesEverySecondEvenWithALongInterval() {
        HealthPolicy slow = new HealthPolicy(Duration.ofSeconds(30), Duration.ofSeconds(1), 3, Duration.ZERO);
        List<ProbeSample> samples = new ArrayList<>();
        for (int s = 0; s <= 9; s++) {
            samples.add(fail(s)); // after enough probes the back-off has reached its cap
        }
        assertThat(HealthJudge.decide(samples, slow, T0, T0.plusSeconds(9), DEADLINE))
                .isEqualTo(new HealthVerdict.Pending(T0.plusSeconds(10)));
    }

    @Test
    void theFirstProbesComeQuicklyThenBackOffToTheCap() {
        HealthPolicy slow = new HealthPolicy(Duration.ofSeconds(30), Duration.ofSeconds(1), 3, Duration.ZERO);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 20).stream().map(n -> HealthJudge.step(slow, n).toMillis()))
                .containsExactly(100L, 150L, 225L, 337L, 505L, 757L, 1000L, 1000L, 1000L);
        // The cap is the interval when that is shorter than a second; the first step never exceeds it.
        HealthPolicy fast = new HealthPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), 3, Duration.ZERO);
        assertThat(List.of(1, 2, 3, 9).stream().map(n -> HealthJudge.step(fast, n).toMillis()))
                .containsExactly(100L, 150L, 200L, 200L);
        HealthPolicy flat = new HealthPolicy(Duration.ofMillis(500), Duration.ofSeconds(1), 3, Duration.ZERO,
                Duration.ofMillis(500));
        assertThat(HealthJudge.step(flat, 1)).isEqualTo(Duration.ofMillis(500));
        // Through the judge: the next probe is 100 ms after the first failed one.
        assertThat(HealthJudge.decide(List.of(fail(3)), slow, T0, T0.plusSeconds(3), DEADLINE))
                .isEqualTo(new HealthVerdict.Pending(T0.plusSeconds(3).plusMillis(100)));
    }

    /** Semantics unchanged by the quick first probes: failures still count one interval apart. */
    @Test
    void quickProbesDoNotMakeRetriesCountFaster() {
        HealthPolicy p = new HealthPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, Duration.ZERO);
        List<ProbeSample> samples = new ArrayList<>();
        long t = 0;
        for (int n = 1; t < 3900; n++) {
            samples.add(new ProbeSample(T0.plusMillis(t), false, "refused"));
            t += HealthJudge.step(p, n).toMillis();
        }
        // Failures counted at 0 and ≥2 s only: two, not three, so still pending before 4 s.
        assertThat(HealthJudge.decide(samples, p, T0, T0.plusMillis(3900), DEADLINE))
                .isInstanceOf(HealthVerdict.Pending.class);
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 500).mapToObj(i -> 77L * i);
    }

    /** Properties over random sample histories: verdicts are consistent with the samples. */
    @ParameterizedTest
    @MethodSource("seeds")
    void verdictsAreConsistentWithTheSamples(long seed) {
        Random r = new Random(seed);
        HealthPolicy p = new HealthPolicy(Duration.ofMillis(200 + r.nextInt(3000)), Duration.ofSeconds(1),
                1 + r.nextInt(5), Duration.ofMillis(r.nextInt(5000)));
        List<ProbeSample> samples = new ArrayList<>();
        long t = 0;
        int n = r.nextInt(30);
        for (int i = 0; i < n; i++) {
            t += r.nextInt(1500);
            samples.add(new ProbeSample(T0.plusMillis(t), r.nextInt(10) == 0, "x"));
        }
        Instant now = T0.plusMillis(t);
        Instant deadline = T0.plusMillis(r.nextInt(40_000));
        HealthVerdict v = HealthJudge.decide(samples, p, T0, now, deadline);
        boolean anyPass = samples.stream().anyMatch(ProbeSample::passed);
        if (v instanceof HealthVerdict.Healthy h) {
            assertThat(anyPass).isTrue();
            assertThat(samples.stream().filter(ProbeSample::passed).findFirst().get().at()).isEqualTo(h.since());
        }
        if (v instanceof HealthVerdict.Pending pending) {
            assertThat(anyPass).isFalse();
            assertThat(now).isBefore(deadline);
            assertThat(pending.nextProbeAt()).isBetween(now, deadline);
        }
        if (v instanceof HealthVerdict.Unhealthy) {
            // Unhealthy is only ever decided after enough failures past the start period, or at the
            // deadline — never while a success is the first thing the probes saw after the grace.
            long failuresAfterGrace = samples.stream().takeWhile(s -> !s.passed())
                    .filter(s -> !s.at().isBefore(T0.plus(p.startPeriod()))).count();
            assertThat(failuresAfterGrace >= p.retries() || !now.isBefore(deadline)).isTrue();
        }
        // Same input, same verdict.
        assertThat(HealthJudge.decide(samples, p, T0, now, deadline)).isEqualTo(v);
    }
}
