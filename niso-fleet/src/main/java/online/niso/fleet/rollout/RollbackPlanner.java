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

    public sealed interface Step permits Restore, Deactivate, Rollback, AlreadyThere, Unrestorable {
        String service();
    }

    /**
     * Back to {@code release} (what the service ran before the rollout). {@code pkg}: the package to switch
     * back to when the rollout changed the service's package; empty when it is the same package.
     * {@code switchedTo}: the release the rollout activated. Refined by {@link #decide} once the host's
     * state is known; executed as is only when the host is neither where the rollout left it nor back (its
     * definition is then the host's stored one: the best that can be done without the previous stack file).
     */
    public record Restore(String service, Optional<String> pkg, Release release, Release switchedTo) implements Step {}

    public record Deactivate(String service) implements Step {}

    /**
     * {@code niso rollback SERVICE}: the host's own previous-release path, which brings back the previous
     * release WITH the definition recorded for it (an `activate VERSION` would carry the rollout's new
     * definition over to the old version).
     */
    public record Rollback(String service, Release release) implements Step {}

    /** The host already runs the previous release (it restored it itself, or never switched): nothing to do. */
    public record AlreadyThere(String service, Release release) implements Step {}

    /**
     * The rollout changed only the service's definition (same release): the host keeps one definition per
     * release, so the previous one is gone and cannot be put back from here.
     */
    public record Unrestorable(String service, String reason) implements Step {}

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
                if (from.equals(Optional.of(c.to()))) {
                    // Same release before and after: nothing to switch back, unless its definition changed.
                    steps.add(c.definitionOnly() ? new Unrestorable(c.service(), c.service() + ": the rollout changed"
                            + " only its definition (release " + c.to().version() + " stayed); the host keeps one"
                            + " definition per release, so the previous one cannot be restored — deploy the previous"
                            + " stack.toml to put it back") : new AlreadyThere(c.service(), c.to()));
                    continue;
                }
                steps.add(from.<Step>map(r -> new Restore(c.service(), pkg, r, c.to())).orElse(new Deactivate(c.service())));
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

    /**
     * Pure: what to run for {@code step} given what the host reports for the service now ({@code now}; empty:
     * not active there). Where the rollout left it (current = the release it activated, previous = the one
     * before): the host's own rollback. Already on the previous release: nothing. Anywhere else: the explicit
     * activate of the previous release.
     */
    public static Step decide(Step step, Optional<online.niso.fleet.remote.NodeStatus.ServiceState> now) {
        if (!(step instanceof Restore r)) {
            return step;
        }
        if (now.isEmpty()) {
            return r;
        }
        var s = now.get();
        if (s.release().equals(r.release())) {
            return new AlreadyThere(r.service(), r.release());
        }
        if (s.release().equals(r.switchedTo()) && s.previous().equals(Optional.of(r.release()))) {
            return new Rollback(r.service(), r.release());
        }
        return r;
    }
}
