package online.niso.fleet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.plan.PlanFile;
import online.niso.fleet.plan.PlanRenderer;
import online.niso.fleet.plan.RolloutPlan;
import online.niso.fleet.plan.RolloutPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "plan", mixinStandardHelpOptions = true,
        description = "Show what deploy would do, per host and service, with the plan digest.")
final class PlanCommand implements Callable<Integer> {
    private final FleetEnvironment world;

    @Mixin FleetOptions options;
    @Mixin SelectionOptions selection;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment, e.g. prod.")
    String environment;

    @Option(names = "--out", paramLabel = "FILE", description = "Also save the plan for `deploy --plan FILE`.")
    Path out;

    PlanCommand(FleetEnvironment world) {
        this.world = world;
    }

    @Override
    public Integer call() {
        try (FleetContext ctx = FleetContext.load(world, options, environment)) {
            DesiredFleet desired = ctx.desired(selection);
            RolloutPlan plan = new RolloutPlanner().plan(desired, ctx.snapshotForPlan(desired));
            if (out != null) {
                PlanFile.write(out, plan);
            }
            world.out().print(options.json ? PlanRenderer.json(plan) + "\n" : PlanRenderer.text(plan));
            return 0;
        }
    }
}
