package online.niso.fleet.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import online.niso.fleet.plan.Change;
import online.niso.fleet.remote.ActivationResult;

/**
 * What happened on one host in a wave. {@code switched}: changes whose activate was issued and not
 * undone by the host itself (a "rolled_back" outcome means the host already restored the previous
 * release); an activate whose outcome is unknown (lost connection, timeout) counts as switched.
 */
record HostRun(String host, boolean ok, List<Change> switched, List<String> steps, String reason,
               Optional<ActivationResult.Failure> failure, Duration took) {}
