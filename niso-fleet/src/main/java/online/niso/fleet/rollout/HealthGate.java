package online.niso.fleet.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import online.niso.common.model.RolloutPolicy;
import online.niso.fleet.plan.PlanRenderer;

/**
 * Pure health verdicts with Nomad's semantics. A host counts as healthy once its samples have been
 * healthy without a break for {@code min_healthy_time}; it must get there within
 * {@code healthy_deadline} of its activation; and the rollout must make progress (some host turning
 * healthy) within {@code progress_deadline}. An unhealthy sample after activation fails at once: the
 * host-level `niso activate --wait` already waited for the first healthy check, so falling back to
 * unhealthy is a real failure, not a slow start.
 */
public final class HealthGate {
    /** Longest pause between status samples while holding a host. */
    public static final Duration POLL = Duration.ofSeconds(2);

    public HealthVerdict decide(Instant activatedAt, List<HealthSample> samples, RolloutPolicy policy,
                                Instant lastProgress, Instant now) {
        if (samples.isEmpty()) {
            return new HealthVerdict.Wait(Duration.ZERO);
        }
        HealthSample last = samples.get(samples.size() - 1);
        if (last.state() == HealthSample.State.UNHEALTHY) {
            return new HealthVerdict.Fail("unhealthy after activation: " + last.detail());
        }
        Instant healthySince = null;
        for (int i = samples.size() - 1; i >= 0 && samples.get(i).state() == HealthSample.State.HEALTHY; i--) {
            healthySince = samples.get(i).at();
        }
        if (healthySince != null && !last.at().isBefore(healthySince.plus(policy.minHealthyTime()))) {
            return new HealthVerdict.Healthy();
        }
        Instant hostDeadline = activatedAt.plus(policy.healthyDeadline());
        if (!now.isBefore(hostDeadline)) {
            return new HealthVerdict.Fail("not healthy for min_healthy_time (" + PlanRenderer.duration(policy.minHealthyTime())
                    + ") within healthy_deadline (" + PlanRenderer.duration(policy.healthyDeadline()) + "): " + last.detail());
        }
        Instant progressDeadline = lastProgress.plus(policy.progressDeadline());
        if (!now.isBefore(progressDeadline)) {
            return new HealthVerdict.Fail("no host became healthy within progress_deadline ("
                    + PlanRenderer.duration(policy.progressDeadline()) + ")");
        }
        Duration wait = POLL;
        if (healthySince != null) {
            Duration untilHealthy = Duration.between(now, healthySince.plus(policy.minHealthyTime()));
            wait = untilHealthy.isNegative() ? Duration.ZERO : min(wait, untilHealthy);
        }
        wait = min(wait, Duration.between(now, hostDeadline));
        return new HealthVerdict.Wait(min(wait, Duration.between(now, progressDeadline)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
