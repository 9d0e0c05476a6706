package online.niso.node.activate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waiting, injected so that tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleepUntil(Instant when);

    static Sleeper real(Clock clock) {
        return when -> {
            long ms = Duration.between(clock.instant(), when).toMillis();
            if (ms > 0) {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting", e);
                }
            }
        };
    }
}
