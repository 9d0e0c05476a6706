package online.niso.fleet.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import online.niso.common.cmd.CmdResult;
import online.niso.common.model.HostSpec;
import online.niso.common.remote.RemoteHost;
import online.niso.common.remote.RemoteHosts;
import online.niso.fleet.remote.ActivationResult;
import online.niso.fleet.remote.NodeCommands;
import online.niso.fleet.remote.NodeJson;
import online.niso.fleet.remote.Parallel;
import online.niso.fleet.rollout.RolloutResult.HostReport;
import online.niso.fleet.rollout.RolloutResult.HostState;

/**
 * `niso-fleet rollback ENV [SVC]`: `niso rollback SVC` host by host, {@code batch} hosts at a time,
 * stopping after the first batch with a failure so a broken previous release does not spread.
 */
public final class FleetRollback {

    /** One host and the services to roll back there. */
    public record Target(String host, List<String> services) {}

    private final RemoteHosts remotes;
    private final Function<String, HostSpec> specs;
    private final NodeCommands commands;
    private final RolloutListener listener;

    public FleetRollback(RemoteHosts remotes, Function<String, HostSpec> specs, NodeCommands commands, RolloutListener listener) {
        this.remotes = remotes;
        this.specs = specs;
        this.commands = commands;
        this.listener = listener;
    }

    public RolloutResult rollback(List<Target> targets, int batch, Duration timeout) {
        List<HostReport> reports = new ArrayList<>();
        String failedHost = null;
        String reason = null;
        for (int i = 0; i < targets.size(); i += Math.max(1, batch)) {
            List<Target> wave = targets.subList(i, Math.min(targets.size(), i + Math.max(1, batch)));
            if (failedHost != null) {
                wave.forEach(t -> reports.add(new HostReport(t.host(), HostState.UNTOUCHED, "not started")));
                continue;
            }
            List<HostReport> done = Parallel.map(wave, wave.size(), "niso-fleet-rollback", t -> one(t, timeout));
            for (HostReport r : done) {
                reports.add(r);
                if (r.state() != HostState.REVERTED && failedHost == null) {
                    failedHost = r.host();
                    reason = r.detail();
                }
            }
        }
        return new RolloutResult(failedHost == null ? RolloutResult.Outcome.CONVERGED : RolloutResult.Outcome.FAILED,
                reports, Optional.ofNullable(failedHost), Optional.ofNullable(reason), Optional.empty());
    }

    private HostReport one(Target t, Duration timeout) {
        List<String> done = new ArrayList<>();
        try {
            RemoteHost remote = remotes.get(specs.apply(t.host()));
            for (String service : t.services()) {
                CmdResult r = remote.exec(commands.rollback(service), timeout);
                ActivationResult a = HostActivation.parse(t.host(), r);
                if (!r.ok() || a.outcome() != ActivationResult.Outcome.ROLLED_BACK) {
                    String why = service + " " + a.outcome().wire() + a.failure().map(f -> ": " + f.reason()).orElse("");
                    listener.on(new RolloutEvent.HostRevertFailed(t.host(), why));
                    return new HostReport(t.host(), HostState.REVERT_FAILED, why);
                }
                done.add(service + " → " + a.to().map(x -> x.version()).orElse("?"));
            }
            String detail = "rolled back " + String.join(", ", done);
            listener.on(new RolloutEvent.HostReverted(t.host(), detail));
            return new HostReport(t.host(), HostState.REVERTED, detail);
        } catch (RuntimeException e) {
            listener.on(new RolloutEvent.HostRevertFailed(t.host(), e.getMessage()));
            return new HostReport(t.host(), HostState.REVERT_FAILED, e.getMessage());
        }
    }
}
