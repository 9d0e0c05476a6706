package online.niso.fleet.plan;

import java.util.List;

/** What the rollout does with one host, and why (Nomad's reconcile buckets, one per host). */
public sealed interface HostAction permits HostAction.Activate, HostAction.Skip {
    String host();

    /** Switch these services (stack order); {@code unchanged} lists services already at their target. */
    record Activate(String host, List<Change> changes, List<String> unchanged) implements HostAction {
        public Activate {
            changes = List.copyOf(changes);
            unchanged = List.copyOf(unchanged);
        }
    }

    /** Leave the host alone: already converged, nothing placed on it, or unreachable. */
    record Skip(String host, Reason kind, String reason) implements HostAction {}

    enum Reason { AT_TARGET, NOTHING_PLACED, UNREACHABLE }
}
