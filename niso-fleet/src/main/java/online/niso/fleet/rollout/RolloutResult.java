package online.niso.fleet.rollout;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import online.niso.fleet.remote.ActivationResult;

/** How a rollout ended, with one row per planned host for the summary table. */
public record RolloutResult(Outcome outcome, List<HostReport> hosts, Optional<String> failedHost,
                            Optional<String> reason, Optional<ActivationResult.Failure> failure) {
    public RolloutResult {
        hosts = List.copyOf(hosts);
    }

    public enum Outcome {
        /** Every planned host switched and held healthy. */
        CONVERGED,
        /** Canaries healthy; the rest waits for `deploy --promote`. */
        AWAITING_PROMOTION,
        /** A host failed; every switched host was returned to its previous release. */
        REVERTED,
        /** A host failed and auto_revert is off (or a revert failed): the fleet is split, see hosts. */
        FAILED,
        /** Stopped on request before finishing; hosts settled. */
        STOPPED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum HostState {
        CONVERGED, FAILED, REVERTED, REVERT_FAILED, SWITCHED, UNTOUCHED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public record HostReport(String host, HostState state, String detail) {}

    public boolean ok() {
        return outcome == Outcome.CONVERGED || outcome == Outcome.AWAITING_PROMOTION;
    }
}
