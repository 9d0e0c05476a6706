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
        Instant next = last == null ? now : last.at().plus(step(policy, samples.size()));
        if (next.isBefore(now)) {
            next = now;
        }
        return new HealthVerdict.Pending(next.isAfter(deadline) ? deadline : next);
    }

    /**
     * The gap after the {@code taken}-th probe while waiting to become healthy. At most every second even if
     * the interval is long (an activation should not wait 30 s to notice a service that is up after 1 s), and
     * quickly at first: {@code firstStep}, then 1.5× per probe up to that cap (100, 150, 225, 337, 505, 757,
     * 1000 ms), so a fast app is judged healthy within ~0.1–0.3 s of starting. Only the probing speeds up:
     * failures still count one interval apart (above).
     */
    static Duration step(HealthPolicy policy, int taken) {
        Duration cap = policy.interval().compareTo(Duration.ofSeconds(1)) < 0 ? policy.interval()
                : Duration.ofSeconds(1);
        long ms = policy.firstStep().toMillis();
        for (int i = 1; i < taken && ms < cap.toMillis(); i++) {
            ms = ms * 3 / 2;
        }
        return ms < cap.toMillis() ? Duration.ofMillis(ms) : cap;
    }
}
