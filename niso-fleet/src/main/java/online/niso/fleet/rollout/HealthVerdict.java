package online.niso.fleet.rollout;

import java.time.Duration;

/** What the gate says about one host: counted healthy, look again later, or the rollout fails. */
public sealed interface HealthVerdict {
    record Healthy() implements HealthVerdict {}

    record Wait(Duration duration) implements HealthVerdict {}

    record Fail(String reason) implements HealthVerdict {}
}
