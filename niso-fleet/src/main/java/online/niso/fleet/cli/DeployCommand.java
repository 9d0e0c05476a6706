package online.niso.fleet.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "deploy", mixinStandardHelpOptions = true,
        description = "Roll the stack out to an environment: health-gated waves, fleet-wide revert on failure.")
final class DeployCommand implements Callable<Integer> {
    private final FleetEnvironment world;

    @Mixin FleetOptions options;
    @Mixin SelectionOptions selection;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment, e.g. prod.")
    String environment;

    @Option(names = "--plan", paramLabel = "FILE", description = "Execute this saved plan; refused (exit 3) if the fleet changed since.")
    Path plan;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation on a terminal.")
    boolean yes;

    @Option(names = {"-m", "--message"}, paramLabel = "M", description = "Why this deploy happens (shown in the output).")
    String message;

    @Option(names = "--on-unreachable", paramLabel = "POLICY", defaultValue = "abort",
            description = "abort (default: change nothing if any host cannot be reached) or continue (deploy the rest, exit 1).")
    String onUnreachable;

    @Option(names = "--lock-wait", paramLabel = "D", defaultValue = "0s",
            description = "Wait up to D (e.g. 5m) for another deploy of this environment to finish (default: refuse at once).")
    String lockWait;

    DeployCommand(FleetEnvironment world) {
        this.world = world;
    }

    @Override
    public Integer call() {
        DeployService.UnreachablePolicy policy = DeployService.UnreachablePolicy.parse(onUnreachable);
        java.time.Duration wait = LockCommand.duration("--lock-wait", lockWait);
        try (FleetContext ctx = FleetContext.load(world, options, environment)) {
            ctx.preconnect(ctx.hosts(Optional.ofNullable(selection.hosts)));
            return LockCommand.holding(ctx, Optional.ofNullable(message), wait, () -> new DeployService(ctx, options.json)
                    .deploy(selection, Optional.ofNullable(plan), policy, yes, Optional.ofNullable(message)));
        }
    }
}
