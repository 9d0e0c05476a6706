package online.niso.fleet.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.fleet.plan.Change;
import online.niso.fleet.remote.Release;

/**
 * Pure: the hosts switched by a failed rollout → revert waves. Each switched service goes back to the
 * release the snapshot saw before the rollout (an explicit `activate NAME VERSION`, idempotent, so a
 * host whose outcome was unknown is safe to include); a service that was new on the host is
 * deactivated. Waves keep the rollout's batch size and order.
 */
public final class RollbackPlanner {

    /** A host switched (or possibly switched) in this rollout, with the changes issued, in order. */
    public record Switched(String host, List<Change> changes) {
        public Switched {
            changes = List.copyOf(changes);
        }
    }

    public sealed interface Step permits Restore, Deactivate {
        String service();
    }

    /**
     * Back to {@code release} (what the service ran before the rollout). {@code pkg}: the package to switch
     * back to when the rollout changed the service's package; empty when it is the same package, so the
     * host keeps the service's stored definition and only the version changes back.
     */
    public record Restore(String service, Optional<String> pkg, Release release) implements Step {}

    public record Deactivate(String service) implements Step {}

    public record Revert(String host, List<Step> steps) {
        public Revert {
            steps = List.copyOf(steps);
        }
    }

    public List<List<Revert>> plan(List<Switched> switched, int batch) {
        List<Revert> reverts = new ArrayList<>();
        for (Switched s : switched) {
            List<Step> steps = new ArrayList<>();
            // Undo in reverse order: a service activated later may depend on one activated earlier.
            for (int i = s.changes().size() - 1; i >= 0; i--) {
                Change c = s.changes().get(i);
                Optional<Release> from = c.from();
                Optional<String> pkg = c.fromPackage().filter(p -> !p.equals(c.pkg()));
                steps.add(from.<Step>map(r -> new Restore(c.service(), pkg, r)).orElse(new Deactivate(c.service())));
            }
            if (!steps.isEmpty()) {
                reverts.add(new Revert(s.host(), steps));
            }
        }
        List<List<Revert>> waves = new ArrayList<>();
        int size = Math.max(1, batch);
        for (int i = 0; i < reverts.size(); i += size) {
            waves.add(List.copyOf(reverts.subList(i, Math.min(reverts.size(), i + size))));
        }
        return waves;
    }
}
