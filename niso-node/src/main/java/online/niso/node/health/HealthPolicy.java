package online.niso.node.health;

import java.time.Duration;

/**
 * When and how often to probe. Semantics follow Docker/compose health checks, which users know:
 * failures during {@code startPeriod} do not count; the first success means healthy; after the start
 * period, {@code retries} consecutive failures mean unhealthy.
 */
public record HealthPolicy(Duration interval, Duration timeout, int retries, Duration startPeriod, Duration firstStep) {
    /**
     * While waiting for the first pass, the gap after the first probe; each next gap is 1.5× the last, up to
     * the waiting cap (the interval, at most 1 s): a fast app is seen healthy ~0.1–0.3 s after it started,
     * a slow one costs a handful of extra probes.
     */
    public static final Duration FIRST_STEP = Duration.ofMillis(100);

    public HealthPolicy(Duration interval, Duration timeout, int retries, Duration startPeriod) {
        this(interval, timeout, retries, startPeriod, FIRST_STEP);
    }

    public static final HealthPolicy DEFAULT = new HealthPolicy(Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
            Duration.ZERO);

    public HealthPolicy {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()
                || retries < 1 || startPeriod.isNegative() || firstStep.isNegative() || firstStep.isZero()) {
            throw new IllegalArgumentException("invalid health policy " + interval + " " + timeout + " " + retries
                    + " " + startPeriod);
        }
    }
}
