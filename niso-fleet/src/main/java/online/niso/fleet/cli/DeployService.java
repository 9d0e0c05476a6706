package online.niso.fleet.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;
import online.niso.common.json.Json;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.plan.HostAction;
import online.niso.fleet.plan.PlanFile;
import online.niso.fleet.plan.PlanRenderer;
import online.niso.fleet.plan.RolloutPlan;
import online.niso.fleet.plan.RolloutPlanner;
import online.niso.fleet.rollout.RolloutExecutor;
import online.niso.fleet.rollout.RolloutResult;

/** deploy as a list of steps: load → snapshot → plan → (check saved plan) → policy → confirm → execute → summary. */
final class DeployService {
    enum UnreachablePolicy {
        ABORT, CONTINUE;

        static UnreachablePolicy parse(String s) {
            return switch (s) {
                case "abort" -> ABORT;
                case "continue" -> CONTINUE;
                default -> throw new InvalidInputException("--on-unreachable: expected abort or continue, got \"" + s + "\"");
            };
        }
    }

    private final FleetContext ctx;
    private final boolean json;

    DeployService(FleetContext ctx, boolean json) {
        this.ctx = ctx;
        this.json = json;
    }

    int deploy(SelectionOptions selection, Optional<Path> savedPlan, UnreachablePolicy unreachable, boolean yes,
               Optional<String> message) {
        var out = ctx.world.out();
        DesiredFleet desired = ctx.desired(selection);
        var snapshot = ctx.snapshotForPlan(desired);
        ctx.trace.mark("snapshot collected");
        RolloutPlan plan = new RolloutPlanner().plan(desired, snapshot);
        ctx.trace.mark("planned");
        savedPlan.ifPresent(f -> PlanFile.requireCurrent(PlanFile.read(f), plan));
        if (json) {
            out.println(Json.line(java.util.Map.of("schema", Json.SCHEMA, "event", "plan", "plan",
                    readTree(PlanRenderer.json(plan)), "message", message.orElse(""))));
        } else {
            message.ifPresent(m -> out.println("Deploying " + ctx.env.name() + ": " + m));
            out.print(PlanRenderer.text(plan));
            out.println();
        }
        out.flush();
        List<HostAction.Skip> lost = plan.unreachable();
        if (!lost.isEmpty() && unreachable == UnreachablePolicy.ABORT) {
            throw new OperationFailedException(lost.size() + " of " + desired.hosts().size() + " hosts unreachable ("
                    + String.join("; ", lost.stream().map(s -> s.host() + ": " + s.reason()).toList())
                    + "); nothing was changed. Fix them, or deploy the rest with --on-unreachable continue");
        }
        if (plan.isEmpty()) {
            return lost.isEmpty() ? 0 : notConverged(lost);
        }
        if (ctx.world.interactive() && !yes && !json && !confirm()) {
            out.println("Aborted; nothing was changed.");
            return 1;
        }
        RolloutExecutor executor = new RolloutExecutor(ctx.remotes(), ctx::spec, ctx.commands,
                ctx.world.clock(), ctx.world.sleeper(), new EventPrinter(out, json, ctx.world.clock()))
                .withStack(ctx.stackFile);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        // SIGINT/SIGTERM: start no new wave, let hosts in flight settle, revert per policy, print the summary —
        // the JVM waits for this hook, so the fleet is never left half-switched by a Ctrl-C.
        Thread hook = new Thread(() -> {
            executor.requestStop();
            try {
                done.await(plan.policy().progressDeadline().plusMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "niso-fleet-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        RolloutResult result;
        try {
            result = executor.execute(plan);
            ctx.trace.mark("rollout finished");
            if (json) {
                out.println(Json.line(EventPrinter.summaryJson(result, ctx.env.name(), plan.digest())));
            } else {
                out.println();
                out.print(EventPrinter.summaryText(result));
            }
            out.flush();
            audit(plan, result, message);
            ctx.trace.mark("audit recorded");
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that done is counted down
            }
        }
        if (!result.ok()) {
            throw new OperationFailedException("rollout " + result.outcome().wire() + ": "
                    + result.failedHost().map(h -> h + ": ").orElse("") + result.reason().orElse("see above"));
        }
        return lost.isEmpty() ? 0 : notConverged(lost);
    }

    private void audit(RolloutPlan plan, RolloutResult result, Optional<String> message) {
        var record = new online.niso.fleet.audit.AuditRecord(ctx.world.clock().instant(), ctx.fleet.name(), ctx.env.name(),
                ctx.world.controller().identity(), online.niso.common.cli.NisoVersion.get(), message.orElse(""), plan.digest(), result);
        new online.niso.fleet.audit.AuditLog(online.niso.fleet.audit.AuditLog.defaultFile(ctx.world.home(), ctx.world.env()))
                .record(record, h -> ctx.remotes().get(ctx.spec(h)))
                .forEach(w -> ctx.world.err().println("warning: " + w));
    }

    private int notConverged(List<HostAction.Skip> lost) {
        throw new OperationFailedException("not converged: " + String.join(", ", lost.stream().map(HostAction.Skip::host).toList())
                + " unreachable; run deploy again once they are back (hosts already at the target are skipped)");
    }

    private boolean confirm() {
        ctx.world.out().print("Deploy to " + ctx.env.name() + "? [y/N] ");
        ctx.world.out().flush();
        try {
            String line = ctx.world.in().readLine();
            return line != null && (line.strip().equalsIgnoreCase("y") || line.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Object readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
