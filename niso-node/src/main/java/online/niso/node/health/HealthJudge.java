package online.niso.node.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Pure decision: given the samples taken since the service started, the policy, the time and a
 * deadline, is the service healthy, unhealthy, or should we probe again? No clock, no I/O.
 */
public final class HealthJudge {

    private HealthJudge() {}

    public static HealthVerdict decide(List<ProbeSample> samples, HealthPolicy policy, Instant startedAt,
            Instant now, Instant deadline) {
        Instant graceEnds = startedAt.plus(policy.startPeriod());
        int consecutiveFailures = 0;
        Instant lastCounted = null;
        ProbeSample last = null;
        for (ProbeSample s : samples) {
            last = s;
            if (s.passed()) {
                return new HealthVerdict.Healthy(s.at());
            }
            if (s.at().isBefore(graceEnds)) {
                continue; // a failure inside the start period does not count against the service
            }
            // We probe faster than the interval while waiting (see below), but only failures one
            // interval apart count, so "retries = 3, interval = 2s" means what it says: ~6 s of failing.
            if (lastCounted == null || !s.at().isBefore(lastCounted.plus(policy.interval()))) {
                consecutiveFailures++;
                lastCounted = s.at();
            }
            if (consecutiveFailures >= policy.retries()) {
                return new HealthVerdict.Unhealthy(policy.retries() + " consecutive probe failures, last: "
                        + s.detail());
            }
        }
        if (!now.isBefore(deadline)) {
            return new HealthVerdict.Unhealthy("not healthy within " + Duration.between(startedAt, deadline)
                    .toSeconds() + "s" + (last == null ? " (no probe completed)" : ", last probe: " + last.detail()));
        }
        // While waiting to become healthy, probe at most every second even if the interval is long:
        // an activation should not wait 30 s to notice a service that is up after 1 s.
        Duration step = policy.interval().compareTo(Duration.ofSeconds(1)) < 0 ? policy.interval()
                : Duration.ofSeconds(1);
        Instant next = last == null ? now : last.at().plus(step);
        if (next.isBefore(now)) {
            next = now;
        }
        return new HealthVerdict.Pending(next.isAfter(deadline) ? deadline : next);
    }
}
