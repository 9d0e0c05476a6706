package online.niso.node.health;

import java.time.Duration;

/**
 * When and how often to probe. Semantics follow Docker/compose health checks, which users know:
 * failures during {@code startPeriod} do not count; the first success means healthy; after the start
 * period, {@code retries} consecutive failures mean unhealthy.
 */
public record HealthPolicy(Duration interval, Duration timeout, int retries, Duration startPeriod) {

    public static final HealthPolicy DEFAULT = new HealthPolicy(Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
            Duration.ZERO);

    public HealthPolicy {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()
                || retries < 1 || startPeriod.isNegative()) {
            throw new IllegalArgumentException("invalid health policy " + interval + " " + timeout + " " + retries
                    + " " + startPeriod);
        }
    }
}
