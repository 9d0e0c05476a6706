package online.niso.fleet.plan;

import java.util.List;
import java.util.stream.Stream;
import online.niso.common.model.RolloutPolicy;

/**
 * A named, printable plan: waves of host activations plus the hosts left alone and why. Carries the
 * digests of what it was computed from, so `deploy --plan` can refuse a plan the fleet has outgrown.
 */
public record RolloutPlan(String environment, RolloutPolicy policy, String desiredDigest, String observedDigest,
                          List<Wave> waves, List<HostAction.Skip> skipped) {

    public RolloutPlan {
        waves = List.copyOf(waves);
        skipped = List.copyOf(skipped);
    }

    public boolean isEmpty() {
        return waves.isEmpty();
    }

    public Stream<HostAction.Activate> activations() {
        return waves.stream().flatMap(w -> w.actions().stream());
    }

    public List<HostAction.Skip> unreachable() {
        return skipped.stream().filter(s -> s.kind() == HostAction.Reason.UNREACHABLE).toList();
    }

    /** Identity of the plan itself: the digest of its canonical JSON rendering. */
    public String digest() {
        return PlanRenderer.planDigest(this);
    }
}
