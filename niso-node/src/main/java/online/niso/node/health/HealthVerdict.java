package online.niso.node.health;

import java.time.Instant;

/** What the samples so far say. */
public sealed interface HealthVerdict {

    record Healthy(Instant since) implements HealthVerdict {}

    /** Not decided yet: probe again at {@code nextProbeAt}. */
    record Pending(Instant nextProbeAt) implements HealthVerdict {}

    record Unhealthy(String reason) implements HealthVerdict {}
}
