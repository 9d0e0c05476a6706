package online.niso.fleet.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import online.niso.fleet.remote.ActivationResult;

/** What the executor reports while it works; printers turn these into lines or JSON lines. */
public sealed interface RolloutEvent {

    record WaveStarted(int index, String kind, List<String> hosts) implements RolloutEvent {}

    /** A step finished on a host: "uploaded", "installed", "activated", "healthy". */
    record HostStep(String host, String step) implements RolloutEvent {}

    record HostConverged(String host, List<String> steps, Duration took) implements RolloutEvent {}

    record HostFailed(String host, List<String> steps, String reason, Optional<ActivationResult.Failure> failure,
                      Duration took) implements RolloutEvent {}

    record RevertStarted(List<String> hosts, String reason) implements RolloutEvent {}

    record HostReverted(String host, String detail) implements RolloutEvent {}

    record HostRevertFailed(String host, String reason) implements RolloutEvent {}

    record Stopped(String reason) implements RolloutEvent {}
}
