package online.niso.fleet.rollout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import online.niso.common.error.NisoException;
import online.niso.common.model.HostSpec;
import online.niso.common.model.RolloutPolicy;
import online.niso.common.remote.RemoteHost;
import online.niso.common.remote.RemoteHosts;
import online.niso.fleet.inventory.StackFile;
import online.niso.fleet.plan.HostAction;
import online.niso.fleet.plan.RolloutPlan;
import online.niso.fleet.plan.RolloutPlanner;
import online.niso.fleet.plan.Wave;
import online.niso.fleet.remote.ActivationResult;
import online.niso.fleet.remote.NodeCommands;
import online.niso.fleet.remote.NodeJson;
import online.niso.fleet.remote.Parallel;
import online.niso.fleet.rollout.RollbackPlanner.Revert;
import online.niso.fleet.rollout.RolloutResult.HostReport;
import online.niso.fleet.rollout.RolloutResult.HostState;

/**
 * The imperative shell that carries out a plan: wave by wave, every host of the wave in parallel
 * (waves are already at most max_parallel wide), the next wave only when all hosts of this one held
 * healthy. On the first failure no new host is started; hosts in flight settle; then, with
 * auto_revert, every host switched in this rollout goes back to its previous release, in waves of the
 * same size. Every decision comes from the planner, the host's own health verdict or the rollback planner.
 */
public final class RolloutExecutor {
    private final RemoteHosts remotes;
    private final Function<String, HostSpec> specs;
    private final NodeCommands commands;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RolloutListener listener;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private Optional<StackFile> stack = Optional.empty();

    public RolloutExecutor(RemoteHosts remotes, Function<String, HostSpec> specs, NodeCommands commands,
                           Clock clock, Sleeper sleeper, RolloutListener listener) {
        this.remotes = remotes;
        this.specs = specs;
        this.commands = commands;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    /** Hosts take each service's definition from this stack file (uploaded once per host, `--stack`). */
    public RolloutExecutor withStack(StackFile file) {
        this.stack = Optional.of(file);
        return this;
    }

    /** Asks the rollout to start no new wave (e.g. on SIGINT); in-flight hosts settle and revert per policy. */
    public void requestStop() {
        stopRequested.set(true);
    }

    public RolloutResult execute(RolloutPlan plan) {
        RolloutPolicy policy = plan.policy();
        Map<String, HostReport> reports = new LinkedHashMap<>();
        plan.activations().forEach(a -> reports.put(a.host(), new HostReport(a.host(), HostState.UNTOUCHED, "not started")));
        List<RollbackPlanner.Switched> switched = new ArrayList<>();
        HostActivation activation = new HostActivation(commands, clock, listener, stack);
        int width = plan.waves().stream().mapToInt(w -> w.actions().size()).max().orElse(1);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, width), Parallel.daemonThreads("niso-fleet-host"));
        try {
            HostRun failed = null;
            String stopReason = null;
            for (Wave wave : plan.waves()) {
                if (stopRequested.get()) {
                    stopReason = "stop requested";
                    break;
                }
                if (wave.index() > 1 && !policy.pauseBetweenWaves().isZero()) {
                    pause(policy);
                }
                listener.on(new RolloutEvent.WaveStarted(wave.index(), wave.kind().label(), wave.hosts()));
                List<HostRun> runs = runWave(pool, wave, policy, activation);
                for (HostRun run : runs) {
                    if (!run.switched().isEmpty()) {
                        switched.add(new RollbackPlanner.Switched(run.host(), run.switched()));
                    }
                    if (run.ok()) {
                        reports.put(run.host(), new HostReport(run.host(), HostState.CONVERGED, "healthy"));
                        listener.on(new RolloutEvent.HostConverged(run.host(), run.steps(), run.took()));
                    } else {
                        reports.put(run.host(), new HostReport(run.host(), HostState.FAILED, run.reason()));
                        listener.on(new RolloutEvent.HostFailed(run.host(), run.steps(), run.reason(), run.failure(), run.took()));
                        failed = failed == null ? run : failed;
                    }
                }
                if (failed != null) {
                    break;
                }
                if (wave.kind() == Wave.Kind.CANARY && !policy.autoPromote() && plan.waves().size() > 1) {
                    listener.on(new RolloutEvent.Stopped("canaries healthy; promote with `niso-fleet deploy "
                            + plan.environment() + " --promote`"));
                    return result(RolloutResult.Outcome.AWAITING_PROMOTION, reports, null);
                }
            }
            if (failed == null && stopReason == null) {
                return result(RolloutResult.Outcome.CONVERGED, reports, null);
            }
            String reason = failed != null ? failed.host() + ": " + failed.reason() : stopReason;
            if (!policy.autoRevert()) {
                markSwitched(reports, switched);
                listener.on(new RolloutEvent.Stopped(reason + "; auto_revert is off, hosts left as they are"));
                return result(failed != null ? RolloutResult.Outcome.FAILED : RolloutResult.Outcome.STOPPED, reports, failed);
            }
            boolean allReverted = revert(pool, switched, reports, policy, plan, reason);
            RolloutResult.Outcome outcome = !allReverted ? RolloutResult.Outcome.FAILED
                    : failed != null ? RolloutResult.Outcome.REVERTED : RolloutResult.Outcome.STOPPED;
            return result(outcome, reports, failed);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<HostRun> runWave(ExecutorService pool, Wave wave, RolloutPolicy policy, HostActivation activation) {
        List<Future<HostRun>> futures = new ArrayList<>();
        for (HostAction.Activate a : wave.actions()) {
            futures.add(pool.submit(() -> {
                try {
                    RemoteHost remote = remotes.get(specs.apply(a.host()));
                    return guarded(a, () -> activation.run(remote, a, policy));
                } catch (NisoException e) {
                    return new HostRun(a.host(), false, List.of(), List.of(), e.getMessage(), Optional.empty(),
                            java.time.Duration.ZERO);
                }
            }));
        }
        return collect(futures);
    }

    /**
     * A bug in one host's run must still end in a revert, never in a fleet left split by an exception: the
     * host's changes count as (possibly) switched, and reverting them is idempotent.
     */
    private static HostRun guarded(HostAction.Activate a, java.util.function.Supplier<HostRun> run) {
        try {
            return run.get();
        } catch (RuntimeException e) {
            if (e instanceof NisoException) {
                throw e;
            }
            return new HostRun(a.host(), false, a.changes(), List.of(), "internal error: " + e, Optional.empty(),
                    java.time.Duration.ZERO);
        }
    }

    private boolean revert(ExecutorService pool, List<RollbackPlanner.Switched> switched, Map<String, HostReport> reports,
                           RolloutPolicy policy, RolloutPlan plan, String reason) {
        int batch = RolloutPlanner.batchFor(policy, plan.activations().count() + plan.skipped().size());
        List<List<Revert>> waves = new RollbackPlanner().plan(switched, batch);
        listener.on(new RolloutEvent.RevertStarted(switched.stream().map(RollbackPlanner.Switched::host).toList(), reason));
        boolean ok = true;
        for (List<Revert> wave : waves) {
            List<Future<HostReport>> futures = new ArrayList<>();
            for (Revert r : wave) {
                futures.add(pool.submit(() -> revertHost(r, policy)));
            }
            for (HostReport report : collect(futures)) {
                HostReport before = reports.get(report.host());
                // Keep the failed host's own failure visible: its row says what failed and that it was reverted.
                String detail = before != null && before.state() == HostState.FAILED
                        ? before.detail() + "; " + report.detail() : report.detail();
                reports.put(report.host(), new HostReport(report.host(), report.state(), detail));
                ok &= report.state() == HostState.REVERTED;
            }
        }
        return ok;
    }

    private HostReport revertHost(Revert r, RolloutPolicy policy) {
        List<String> done = new ArrayList<>();
        try {
            RemoteHost remote = remotes.get(specs.apply(r.host()));
            // Where is each service now? Decides between the host's own rollback (previous release with its own
            // definition) and nothing to do; one status read per reverted host, on the failure path only.
            var st = remote.exec(commands.status(), HostActivation.STATUS_TIMEOUT);
            if (!st.ok()) {
                throw new online.niso.common.error.OperationFailedException("`niso status` failed: " + st.describe());
            }
            var now = NodeJson.status(r.host(), st.stdout());
            for (RollbackPlanner.Step planned : r.steps()) {
                RollbackPlanner.Step step = RollbackPlanner.decide(planned, now.service(planned.service()));
                if (step instanceof RollbackPlanner.Rollback rb) {
                    var res = remote.exec(commands.rollback(rb.service(), policy.healthyDeadline()),
                            policy.healthyDeadline().plus(HostActivation.MARGIN));
                    ActivationResult a = HostActivation.parse(r.host(), res);
                    if (a.outcome() != ActivationResult.Outcome.ROLLED_BACK || !res.ok()) {
                        throw new online.niso.common.error.OperationFailedException(rb.service() + " rollback "
                                + a.outcome().wire() + a.failure().map(f -> ": " + f.reason()).orElse(""));
                    }
                    done.add(rb.service() + " → " + rb.release().version());
                } else if (step instanceof RollbackPlanner.AlreadyThere at) {
                    done.add(at.service() + " already " + at.release().version());
                } else if (step instanceof RollbackPlanner.Unrestorable u) {
                    throw new online.niso.common.error.OperationFailedException(u.reason());
                } else if (step instanceof RollbackPlanner.Restore restore) {
                    var res = remote.exec(commands.activate(restore.pkg()
                            .map(p -> NodeCommands.Activation.of(restore.service(), p, Optional.of(restore.release().version()),
                                    policy.healthyDeadline()))
                            .orElse(NodeCommands.Activation.stored(restore.service(), restore.release().version(),
                                    policy.healthyDeadline()))), policy.healthyDeadline().plus(HostActivation.MARGIN));
                    ActivationResult a = HostActivation.parse(r.host(), res);
                    if (!a.converged()) {
                        throw new online.niso.common.error.OperationFailedException(restore.service() + " "
                                + a.outcome().wire() + a.failure().map(f -> ": " + f.reason()).orElse(""));
                    }
                    done.add(restore.service() + " → " + restore.release().version());
                } else {
                    var res = remote.exec(commands.deactivate(step.service()), HostActivation.STATUS_TIMEOUT);
                    if (!res.ok()) {
                        throw new online.niso.common.error.OperationFailedException(res.describe());
                    }
                    NodeJson.deactivation(r.host(), res.stdout());
                    done.add(step.service() + " deactivated");
                }
            }
            String detail = "reverted: " + String.join(", ", done);
            listener.on(new RolloutEvent.HostReverted(r.host(), detail));
            return new HostReport(r.host(), HostState.REVERTED, detail);
        } catch (RuntimeException e) {
            String detail = "revert failed: " + e.getMessage() + (done.isEmpty() ? "" : " (done: " + String.join(", ", done) + ")");
            listener.on(new RolloutEvent.HostRevertFailed(r.host(), e.getMessage()));
            return new HostReport(r.host(), HostState.REVERT_FAILED, detail);
        }
    }

    private static void markSwitched(Map<String, HostReport> reports, List<RollbackPlanner.Switched> switched) {
        for (RollbackPlanner.Switched s : switched) {
            HostReport r = reports.get(s.host());
            String runs = String.join(", ", s.changes().stream().map(c -> c.service() + " " + c.to().version()).toList());
            if (r.state() == HostState.CONVERGED) {
                reports.put(s.host(), new HostReport(s.host(), HostState.SWITCHED, "runs " + runs + " (not reverted)"));
            }
        }
    }

    private void pause(RolloutPolicy policy) {
        try {
            sleeper.sleep(policy.pauseBetweenWaves());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.set(true);
        }
    }

    private static RolloutResult result(RolloutResult.Outcome outcome, Map<String, HostReport> reports, HostRun failed) {
        return new RolloutResult(outcome, List.copyOf(reports.values()), Optional.ofNullable(failed).map(HostRun::host),
                Optional.ofNullable(failed).map(HostRun::reason), Optional.ofNullable(failed).flatMap(HostRun::failure));
    }

    private static <T> List<T> collect(List<Future<T>> futures) {
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new online.niso.common.error.OperationFailedException("interrupted while waiting for hosts", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("host task failed unexpectedly", e.getCause());
            }
        }
        return out;
    }
}
