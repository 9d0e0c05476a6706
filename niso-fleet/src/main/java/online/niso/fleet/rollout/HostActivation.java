package online.niso.fleet.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.cmd.CmdResult;
import online.niso.common.error.NisoException;
import online.niso.common.model.RolloutPolicy;
import online.niso.common.remote.RemoteHost;
import online.niso.fleet.inventory.StackFile;
import online.niso.fleet.plan.Change;
import online.niso.fleet.plan.HostAction;
import online.niso.fleet.remote.ActivationResult;
import online.niso.fleet.remote.NodeCommands;
import online.niso.fleet.remote.NodeJson;

/**
 * The per-host shell of a wave: upload → one `niso activate --wait --hold min_healthy_time` per service. The host
 * waits for its own health check and then holds min_healthy_time in the same process, re-checking as `niso
 * status` would; a lapse comes back as health "unhealthy" with the failure captured on the host.
 */
final class HostActivation {
    /** Added to the host's own healthy_deadline wait so the SSH call outlives the wait it bounds. */
    static final Duration MARGIN = Duration.ofSeconds(30);
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(30);

    private final NodeCommands commands;
    private final Clock clock;
    private final RolloutListener listener;
    private final Optional<StackFile> stack;

    HostActivation(NodeCommands commands, Clock clock, RolloutListener listener, Optional<StackFile> stack) {
        this.stack = stack;
        this.commands = commands;
        this.clock = clock;
        this.listener = listener;
    }

    HostRun run(RemoteHost remote, HostAction.Activate action, RolloutPolicy policy) {
        Instant start = clock.instant();
        String host = action.host();
        List<Change> switched = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        try {
            Optional<String> stackPath = upload(remote, action, steps);
            for (Change c : action.changes()) {
                Optional<String> from = c.upload() ? Optional.of(incoming(c)) : Optional.empty();
                switched.add(c);
                listener.on(new RolloutEvent.HostStep(host, "activating " + c.service()));
                // min_healthy_time is held by the host's own `niso activate --hold` (same process, no status polls).
                CmdResult r = activate(remote, host, commands.activate(NodeCommands.Activation.of(c.service(), c.pkg(),
                        Optional.of(c.to().version()), policy.healthyDeadline()).from(from).stack(stackPath)
                        .hold(policy.minHealthyTime())),
                        policy.healthyDeadline().plus(policy.minHealthyTime()).plus(MARGIN), c);
                ActivationResult result = parse(host, r);
                if (!result.converged()) {
                    if (result.outcome() == ActivationResult.Outcome.ROLLED_BACK
                            || result.outcome() == ActivationResult.Outcome.FAILED) {
                        switched.remove(c); // the host restored (or never started) it itself
                    }
                    // A lapse during --hold keeps outcome "activated": say what it means for the rollout.
                    String what = result.outcome() == ActivationResult.Outcome.ACTIVATED
                            || result.outcome() == ActivationResult.Outcome.UNCHANGED ? "unhealthy" : result.outcome().wire();
                    // The version is named here: the host's unit text no longer carries it.
                    String reason = c.service() + " " + c.to().version() + " " + what
                            + result.failure().map(f -> ": " + f.reason()).orElse("");
                    return new HostRun(host, false, switched, steps, reason, result.failure(), since(start));
                }
            }
            step(host, steps, "activated");
            step(host, steps, "healthy");
            return new HostRun(host, true, switched, steps, "", Optional.empty(), since(start));
        } catch (NisoException e) {
            return new HostRun(host, false, switched, steps, e.getMessage(), Optional.empty(), since(start));
        }
    }

    /**
     * The packages the host lacks and the stack file (under its digest, only where the host lacks it: a rerun or
     * the next service finds it there), in one go (one SFTP session on a real host); returns where the stack
     * file is.
     */
    private Optional<String> upload(RemoteHost remote, HostAction.Activate action, List<String> steps) {
        List<RemoteHost.Upload> files = new ArrayList<>();
        for (Change c : action.changes()) {
            if (c.upload()) {
                files.add(new RemoteHost.Upload(c.target().artifact().file(), incoming(c)));
            }
        }
        boolean packages = !files.isEmpty();
        Optional<String> stackPath = stack.map(s -> NodeCommands.incomingStackPath(s.digest()));
        stackPath.ifPresent(p -> files.add(new RemoteHost.Upload(stack.get().file(), p, true)));
        remote.upload(files, UPLOAD_TIMEOUT);
        if (packages) {
            step(action.host(), steps, "uploaded");
        }
        return stackPath;
    }

    /**
     * One activate call. A connection lost while it runs leaves the outcome unknown — the host-side niso
     * finishes or restores on its own — so the error says so (and the change stays in {@code switched}: a
     * revert is an idempotent activate of the previous release).
     */
    private static CmdResult activate(RemoteHost remote, String host, online.niso.common.cmd.Cmd cmd, Duration timeout,
                                      Change c) {
        try {
            return remote.exec(cmd, timeout);
        } catch (online.niso.common.remote.RemoteException e) {
            String why = e.getMessage().startsWith(host + ": ") ? e.getMessage().substring(host.length() + 2) : e.getMessage();
            throw new online.niso.common.remote.RemoteException(host, e.kind(), "host lost during `niso activate "
                    + c.service() + "` (" + why + "); the outcome on the host is unknown: run deploy again "
                    + "once it is back (activation is idempotent per digest)", e);
        }
    }

    private static String incoming(Change c) {
        return NodeCommands.incomingPath(c.target().pkg().name(), c.to().version(), c.to().digest());
    }

    static ActivationResult parse(String host, CmdResult r) {
        if (r.stdout().isBlank()) {
            throw new online.niso.common.error.OperationFailedException(host + ": " + r.describe());
        }
        return NodeJson.activation(host, r.stdout());
    }

    private void step(String host, List<String> steps, String step) {
        steps.add(step);
        listener.on(new RolloutEvent.HostStep(host, step));
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
