package online.niso.fleet.rollout;

/** Receives events from the executor's worker threads; implementations must be thread-safe. */
@FunctionalInterface
public interface RolloutListener {
    void on(RolloutEvent event);

    RolloutListener NONE = e -> { };
}
