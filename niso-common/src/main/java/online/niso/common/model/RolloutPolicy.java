package online.niso.common.model;

import java.time.Duration;
import java.util.Optional;

/**
 * [deploy], in Nomad's vocabulary: a host is healthy once its check has passed for
 * {@code minHealthyTime}; it must get there within {@code healthyDeadline}; the whole rollout must
 * make progress (a host turning healthy) within {@code progressDeadline}. {@code autoRevert}
 * returns already-switched hosts to their previous release when a wave fails. {@code canary} is
 * present only for the canary strategy; {@code autoPromote} continues past healthy canaries
 * without a manual promote.
 */
public record RolloutPolicy(Strategy strategy, CountOrPercent maxParallel, Optional<CountOrPercent> canary,
                            boolean autoPromote, Duration minHealthyTime, Duration healthyDeadline,
                            Duration progressDeadline, boolean autoRevert, Duration pauseBetweenWaves) {
    public static final CountOrPercent DEFAULT_CANARY = new CountOrPercent(25, true);
    public static final RolloutPolicy DEFAULT = new RolloutPolicy(Strategy.ROLLING, CountOrPercent.count(1),
            Optional.empty(), true, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10), true,
            Duration.ZERO);

    public enum Strategy implements ConfigEnum {
        ROLLING, CANARY, ALL_AT_ONCE;

        @Override
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
