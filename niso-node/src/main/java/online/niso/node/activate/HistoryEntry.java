package online.niso.node.activate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the activation history.
 *
 * @param action       activate | rollback | deactivate | repair
 * @param outcome      the contract's outcome (activated, unchanged, rolled_back, failed, deactivated, restored)
 * @param currentAfter the version {@code current} points at once the action finished (empty: none)
 */
public record HistoryEntry(String service, String action, Optional<VersionRef> from, Optional<VersionRef> to,
        String outcome, Optional<String> reason, Instant startedAt, long durationMs, String who,
        Optional<String> currentAfter) {
    public HistoryEntry {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(currentAfter, "currentAfter");
    }
}
