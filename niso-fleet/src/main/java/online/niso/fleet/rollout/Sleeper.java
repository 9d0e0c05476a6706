package online.niso.fleet.rollout;

import java.time.Duration;

/** Waiting, injected so tests advance a MutableClock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    };
}
