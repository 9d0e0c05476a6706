package online.niso.node.activate;

import java.util.Optional;

/**
 * What an activate / rollback / deactivate did: the contract's document (see {@code contract/activate.json}).
 *
 * @param outcome activated | unchanged | rolled_back | failed | deactivated
 * @param health  healthy | unhealthy | starting | none | unknown
 */
public record ActivationResult(String service, String outcome, Optional<VersionRef> from, Optional<VersionRef> to,
        String health, long durationMs, Optional<Failure> failure) {

    public record Failure(String reason, String unitStatus, String journalTail, String probeOutput) {}

    /** Exit code per the contract: 1 when the operation failed or had to be rolled back. */
    public int exitCode(boolean rollbackCommand) {
        return switch (outcome) {
            case "failed" -> 1;
            case "rolled_back" -> rollbackCommand ? 0 : 1;
            default -> 0;
        };
    }
}
