package online.niso.fleet.remote;

import java.util.Locale;
import java.util.Optional;

/** `niso activate|rollback … --json` (contract schema 1). */
public record ActivationResult(String service, Outcome outcome, Optional<Release> from, Optional<Release> to,
                               Health health, long durationMs, Optional<Failure> failure) {

    public enum Outcome {
        /** The new release runs and passed its health check. */
        ACTIVATED,
        /** Already active with that digest and healthy: nothing was done. */
        UNCHANGED,
        /** The new release was unhealthy and the host restored the previous one by itself. */
        ROLLED_BACK,
        /** Could not start and there was nothing to restore. */
        FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Outcome parse(String text) {
            for (Outcome o : values()) {
                if (o.wire().equals(text)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown outcome \"" + text + "\"");
        }
    }

    /** What the host saw when the release failed; printed for the failed host of a rollout. */
    public record Failure(String reason, String unitStatus, String journalTail, String probeOutput) {}

    /**
     * Whether the requested release now runs healthy on the host. An activation that held (`--hold`) and lapsed
     * keeps outcome activated but reports health unhealthy: not converged, and still switched.
     */
    public boolean converged() {
        return (outcome == Outcome.ACTIVATED || outcome == Outcome.UNCHANGED) && health != Health.UNHEALTHY;
    }
}
