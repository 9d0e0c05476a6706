package online.niso.fleet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.common.cli.NisoVersion;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;
import online.niso.common.json.Json;
import online.niso.common.model.HostSpec;
import online.niso.fleet.bootstrap.Bootstrapper;
import online.niso.fleet.bootstrap.Distribution;
import online.niso.fleet.plan.RolloutPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Install or update niso on the hosts that lack it or run another version (hosts need sshd and a JRE 17+).")
final class BootstrapCommand implements Callable<Integer> {
    private final FleetEnvironment world;

    @Mixin FleetOptions options;

    @Parameters(index = "0", paramLabel = "ENV")
    String environment;

    @Option(names = "--dist", paramLabel = "DIR", description = "The niso distribution (bin/niso + lib/); default $NISO_DIST.")
    Path dist;

    @Option(names = "--hosts", paramLabel = "SELECTOR", description = "Only hosts whose labels match.")
    String hosts;

    BootstrapCommand(FleetEnvironment world) {
        this.world = world;
    }

    @Override
    public Integer call() {
        Path dir = dist != null ? dist : Optional.ofNullable(world.env().get("NISO_DIST")).map(Path::of)
                .orElseThrow(() -> new InvalidInputException("bootstrap needs the niso distribution: --dist DIR or $NISO_DIST"));
        Distribution d = Distribution.of(dir.toAbsolutePath(), NisoVersion.get());
        try (FleetContext ctx = FleetContext.load(world, options, environment)) {
            List<HostSpec> selected = ctx.hosts(Optional.ofNullable(hosts));
            // As wide as a deploy's waves: all hosts at once for all-at-once, max_parallel of them otherwise.
            int width = RolloutPlanner.batchFor(ctx.env.deploy(), selected.size());
            List<Bootstrapper.HostResult> results = new Bootstrapper(h -> ctx.remotes().get(h), d, width)
                    .bootstrap(selected);
            for (Bootstrapper.HostResult r : results) {
                if (options.json) {
                    world.out().println(Json.line(java.util.Map.of("schema", Json.SCHEMA, "host", r.host(),
                            "result", r.state().name().toLowerCase(java.util.Locale.ROOT), "detail", r.detail())));
                } else {
                    String mark = switch (r.state()) {
                        case INSTALLED -> "✓";
                        case ALREADY -> "=";
                        case MISSING, FAILED -> "✗";
                    };
                    world.out().println("[" + r.host() + "] " + mark + " " + r.detail());
                }
            }
            world.out().flush();
            long bad = results.stream().filter(r -> r.state() == Bootstrapper.State.MISSING || r.state() == Bootstrapper.State.FAILED).count();
            if (bad > 0) {
                throw new OperationFailedException(bad + " of " + results.size() + " hosts not bootstrapped (see above)");
            }
            return 0;
        }
    }
}
