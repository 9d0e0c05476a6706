package online.niso.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import online.niso.common.model.CountOrPercent;
import online.niso.common.model.RolloutPolicy;
import online.niso.fleet.Fixtures;
import online.niso.testinfra.time.MutableClock;
import org.junit.jupiter.api.Test;

/** Nomad semantics, driven by a MutableClock: min_healthy_time, healthy_deadline, progress_deadline. */
class HealthGateTest {
    final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    final Instant t0 = clock.instant();
    final HealthGate gate = new HealthGate();
    // min_healthy_time 10s, healthy_deadline 5m, progress_deadline 10m
    final RolloutPolicy policy = Fixtures.rolling(CountOrPercent.count(1));
    final List<HealthSample> samples = new ArrayList<>(List.of(HealthSample.healthy(t0)));

    HealthVerdict decide() {
        return gate.decide(t0, samples, policy, t0, clock.instant());
    }

    void sample(HealthSample.State state) {
        samples.add(new HealthSample(clock.instant(), state, state.name().toLowerCase()));
    }

    @Test
    void waitsUntilMinHealthyTimeHasPassed() {
        assertThat(decide()).isEqualTo(new HealthVerdict.Wait(HealthGate.POLL));
        clock.advance(Duration.ofSeconds(9));
        sample(HealthSample.State.HEALTHY);
        assertThat(decide()).isEqualTo(new HealthVerdict.Wait(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(decide()).as("time passed, but no sample proves the host stayed healthy")
                .isEqualTo(new HealthVerdict.Wait(Duration.ZERO));
        sample(HealthSample.State.HEALTHY);
        assertThat(decide()).isEqualTo(new HealthVerdict.Healthy());
    }

    @Test
    void anUnhealthySampleFailsAtOnce() {
        clock.advance(Duration.ofSeconds(4));
        sample(HealthSample.State.UNHEALTHY);
        assertThat(decide()).isInstanceOfSatisfying(HealthVerdict.Fail.class,
                f -> assertThat(f.reason()).startsWith("unhealthy after activation"));
    }

    @Test
    void aPendingSampleRestartsTheHealthyClock() {
        clock.advance(Duration.ofSeconds(8));
        sample(HealthSample.State.PENDING);
        clock.advance(Duration.ofSeconds(2));
        sample(HealthSample.State.HEALTHY);
        assertThat(decide()).isEqualTo(new HealthVerdict.Wait(HealthGate.POLL));
        clock.advance(Duration.ofSeconds(10));
        sample(HealthSample.State.HEALTHY);
        assertThat(decide()).isEqualTo(new HealthVerdict.Healthy());
    }

    @Test
    void failsWhenNeverHealthyForMinHealthyTimeWithinHealthyDeadline() {
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        sample(HealthSample.State.PENDING);
        assertThat(decide()).isEqualTo(new HealthVerdict.Wait(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        sample(HealthSample.State.PENDING);
        assertThat(decide()).isInstanceOfSatisfying(HealthVerdict.Fail.class,
                f -> assertThat(f.reason()).contains("healthy_deadline (5m)"));
    }

    @Test
    void failsWhenTheRolloutMadeNoProgressWithinProgressDeadline() {
        RolloutPolicy tight = new RolloutPolicy(RolloutPolicy.Strategy.ROLLING, CountOrPercent.count(1),
                java.util.Optional.empty(), true, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(6),
                true, Duration.ZERO);
        Instant lastProgress = t0.minus(Duration.ofMinutes(6)).plusSeconds(3);
        clock.advance(Duration.ofSeconds(2));
        sample(HealthSample.State.PENDING);
        assertThat(gate.decide(t0, samples, tight, lastProgress, clock.instant())).isEqualTo(new HealthVerdict.Wait(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        sample(HealthSample.State.PENDING);
        assertThat(gate.decide(t0, samples, tight, lastProgress, clock.instant())).isInstanceOfSatisfying(HealthVerdict.Fail.class,
                f -> assertThat(f.reason()).contains("progress_deadline (6m)"));
    }

    @Test
    void zeroMinHealthyTimeIsHealthyOnTheFirstSample() {
        RolloutPolicy p = new RolloutPolicy(RolloutPolicy.Strategy.ROLLING, CountOrPercent.count(1), java.util.Optional.empty(),
                true, Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(10), true, Duration.ZERO);
        assertThat(gate.decide(t0, samples, p, t0, clock.instant())).isEqualTo(new HealthVerdict.Healthy());
    }
}
