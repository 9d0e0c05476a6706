package online.niso.fleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;
import online.niso.common.json.Json;
import online.niso.common.model.HostSpec;
import online.niso.common.model.StackService;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.plan.RolloutPlanner;
import online.niso.fleet.rollout.FleetRollback;
import online.niso.fleet.rollout.RolloutResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "rollback", mixinStandardHelpOptions = true,
        description = "Return every host of an environment to its previous release (max_parallel hosts at a time).")
final class RollbackCommand implements Callable<Integer> {
    private final FleetEnvironment world;

    @Mixin FleetOptions options;

    @Parameters(index = "0", paramLabel = "ENV")
    String environment;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SVC", description = "Only this stack service (default: all).")
    String service;

    @Option(names = "--hosts", paramLabel = "SELECTOR", description = "Only hosts whose labels match.")
    String hosts;

    RollbackCommand(FleetEnvironment world) {
        this.world = world;
    }

    @Override
    public Integer call() {
        try (FleetContext ctx = FleetContext.load(world, options, environment)) {
            if (service != null && ctx.stack.service(service).isEmpty()) {
                throw new InvalidInputException("stack " + ctx.stack.name() + " has no service \"" + service + "\"");
            }
            List<HostSpec> selected = ctx.hosts(Optional.ofNullable(hosts));
            FleetSnapshot s = ctx.snapshot(selected);
            List<FleetRollback.Target> targets = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (HostSpec h : selected) {
                HostState st = s.host(h.name()).orElseThrow();
                if (st instanceof HostState.Unreachable u) {
                    skipped.add(h.name() + " (unreachable: " + u.reason() + ")");
                    continue;
                }
                var status = ((HostState.Reachable) st).status();
                List<String> services = new ArrayList<>();
                for (StackService svc : ctx.stack.services()) {
                    if ((service == null || service.equals(svc.name())) && ctx.env.hostsFor(svc.name()).contains(h)
                            && status.service(svc.name()).flatMap(v -> v.previous()).isPresent()) {
                        services.add(svc.name());
                    }
                }
                if (services.isEmpty()) {
                    skipped.add(h.name() + " (no previous release)");
                } else {
                    targets.add(new FleetRollback.Target(h.name(), services));
                }
            }
            var policy = ctx.env.deploy();
            RolloutResult r = new FleetRollback(ctx.remotes(), ctx::spec, ctx.commands, new EventPrinter(world.out(), options.json, world.clock()))
                    .rollback(targets, RolloutPlanner.batchFor(policy, selected.size()), policy.healthyDeadline().plusSeconds(30));
            if (options.json) {
                world.out().println(Json.line(EventPrinter.summaryJson(r, ctx.env.name(), "")));
            } else {
                skipped.forEach(x -> world.out().println("skipped " + x));
                world.out().print(EventPrinter.summaryText(r));
            }
            world.out().flush();
            if (!r.ok()) {
                throw new OperationFailedException("rollback failed on " + r.failedHost().orElse("?") + ": " + r.reason().orElse(""));
            }
            return 0;
        }
    }
}
