package online.niso.fleet.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
import online.niso.fleet.remote.NodeStatus;
import online.niso.fleet.remote.RetryPolicies;

/** The per-host shell of a wave: upload → one activate --wait per service → hold min_healthy_time. */
final class HostActivation {
    /** Added to the host's own healthy_deadline wait so the SSH call outlives the wait it bounds. */
    static final Duration MARGIN = Duration.ofSeconds(30);
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(30);

    private final NodeCommands commands;
    private final HealthGate gate;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RolloutListener listener;
    private final RetryPolicies retries;
    private final AtomicReference<Instant> lastProgress;
    private final Optional<StackFile> stack;

    HostActivation(NodeCommands commands, HealthGate gate, Clock clock, Sleeper sleeper, RolloutListener listener,
                   RetryPolicies retries, AtomicReference<Instant> lastProgress, Optional<StackFile> stack) {
        this.stack = stack;
        this.commands = commands;
        this.gate = gate;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.retries = retries;
        this.lastProgress = lastProgress;
    }

    HostRun run(RemoteHost remote, HostAction.Activate action, RolloutPolicy policy) {
        Instant start = clock.instant();
        String host = action.host();
        List<Change> switched = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        try {
            upload(remote, action, steps);
            Optional<String> stackPath = uploadStack(remote, action.host());
            for (Change c : action.changes()) {
                Optional<String> from = c.upload() ? Optional.of(incoming(c)) : Optional.empty();
                switched.add(c);
                listener.on(new RolloutEvent.HostStep(host, "activating " + c.service()));
                CmdResult r = activate(remote, host, commands.activate(NodeCommands.Activation.of(c.service(), c.pkg(),
                        Optional.of(c.to().version()), policy.healthyDeadline()).from(from).stack(stackPath)),
                        policy.healthyDeadline().plus(MARGIN), c);
                ActivationResult result = parse(host, r);
                if (!result.converged()) {
                    if (result.outcome() == ActivationResult.Outcome.ROLLED_BACK
                            || result.outcome() == ActivationResult.Outcome.FAILED) {
                        switched.remove(c); // the host restored (or never started) it itself
                    }
                    String reason = c.service() + " " + result.outcome().wire()
                            + result.failure().map(f -> ": " + f.reason()).orElse("");
                    return new HostRun(host, false, switched, steps, reason, result.failure(), since(start));
                }
            }
            step(host, steps, "activated");
            Optional<String> unhealthy = hold(remote, action, policy);
            if (unhealthy.isPresent()) {
                return new HostRun(host, false, switched, steps, unhealthy.get(), Optional.empty(), since(start));
            }
            step(host, steps, "healthy");
            lastProgress.set(clock.instant());
            return new HostRun(host, true, switched, steps, "", Optional.empty(), since(start));
        } catch (NisoException e) {
            return new HostRun(host, false, switched, steps, e.getMessage(), Optional.empty(), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostRun(host, false, switched, steps, "interrupted", Optional.empty(), since(start));
        }
    }

    private void upload(RemoteHost remote, HostAction.Activate action, List<String> steps) {
        List<Change> uploads = action.changes().stream().filter(Change::upload).toList();
        if (uploads.isEmpty()) {
            return;
        }
        CmdResult mk = remote.exec(commands.prepareIncoming(), STATUS_TIMEOUT);
        if (!mk.ok()) {
            throw new online.niso.common.error.OperationFailedException(action.host() + ": " + mk.describe());
        }
        for (Change c : uploads) {
            remote.upload(c.target().artifact().file(), incoming(c), UPLOAD_TIMEOUT);
        }
        step(action.host(), steps, "uploaded");
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

    /**
     * The stack file, under its digest, only where the host lacks it (a rerun or the next service finds it
     * there). Written by SFTP like a package: root-only, temp name + rename.
     */
    private Optional<String> uploadStack(RemoteHost remote, String host) {
        if (stack.isEmpty()) {
            return Optional.empty();
        }
        String path = NodeCommands.incomingStackPath(stack.get().digest());
        if (!remote.exec(commands.exists(path), STATUS_TIMEOUT).ok()) {
            CmdResult mk = remote.exec(commands.prepareIncoming(), STATUS_TIMEOUT);
            if (!mk.ok()) {
                throw new online.niso.common.error.OperationFailedException(host + ": " + mk.describe());
            }
            remote.upload(stack.get().file(), path, UPLOAD_TIMEOUT);
        }
        return Optional.of(path);
    }

    private static String incoming(Change c) {
        return NodeCommands.incomingPath(c.target().pkg().name(), c.to().version(), c.to().digest());
    }

    /** Re-checks status until the gate counts the host healthy (or fails it). Empty = healthy. */
    private Optional<String> hold(RemoteHost remote, HostAction.Activate action, RolloutPolicy policy)
            throws InterruptedException {
        Instant activatedAt = clock.instant();
        List<HealthSample> samples = new ArrayList<>(List.of(HealthSample.healthy(activatedAt)));
        while (true) {
            HealthVerdict v = gate.decide(activatedAt, samples, policy, lastProgress.get(), clock.instant());
            if (v instanceof HealthVerdict.Healthy) {
                return Optional.empty();
            }
            if (v instanceof HealthVerdict.Fail f) {
                return Optional.of(f.reason());
            }
            sleeper.sleep(((HealthVerdict.Wait) v).duration());
            samples.add(sample(remote, action));
        }
    }

    private HealthSample sample(RemoteHost remote, HostAction.Activate action) {
        String host = action.host();
        CmdResult r = retries.idempotent(host + "-status", () -> remote.exec(commands.status(), STATUS_TIMEOUT));
        Instant at = clock.instant();
        if (!r.ok()) {
            return new HealthSample(at, HealthSample.State.UNHEALTHY, r.describe());
        }
        NodeStatus status = NodeJson.status(host, r.stdout());
        HealthSample.State worst = HealthSample.State.HEALTHY;
        List<String> details = new ArrayList<>();
        for (Change c : action.changes()) {
            Optional<NodeStatus.ServiceState> s = status.service(c.service());
            if (s.isEmpty() || !s.get().digest().equals(c.to().digest())) {
                worst = HealthSample.State.UNHEALTHY;
                details.add(c.service() + " no longer runs " + c.to().version()
                        + s.map(v -> " (runs " + v.version() + ")").orElse(" (not running)"));
            } else if (!s.get().healthy()) {
                boolean pending = "active".equals(s.get().activeState()) && (s.get().health() == online.niso.fleet.remote.Health.STARTING
                        || s.get().health() == online.niso.fleet.remote.Health.UNKNOWN);
                if (!pending) {
                    worst = HealthSample.State.UNHEALTHY;
                } else if (worst == HealthSample.State.HEALTHY) {
                    worst = HealthSample.State.PENDING;
                }
                details.add(c.service() + " " + s.get().activeState() + "/" + s.get().subState() + ", health " + s.get().health().wire());
            }
        }
        return new HealthSample(at, worst, details.isEmpty() ? "healthy" : String.join("; ", details));
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
