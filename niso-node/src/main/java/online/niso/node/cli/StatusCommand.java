package online.niso.node.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.node.activate.StatusCache;
import online.niso.node.activate.StatusService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "status", mixinStandardHelpOptions = true, description = "Active services: version, state, health.")
final class StatusCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "NAME") String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--cached", description = "Do not probe health checks (\"unknown\" while the unit is active); the "
            + "launcher answers `status --json --cached` from the status cache without starting Java.")
    boolean cached;

    StatusCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        var paths = env.paths(common.root);
        StatusService status = ActivationCommands.status(env, paths);
        Output.print(env, json, ContractViews.StatusDoc.of(env.host().hostname().get(),
                status.services(Optional.ofNullable(name),
                cached ? StatusService.Depth.UNIT_STATE : StatusService.Depth.PROBED), status.packages()));
        if (cached && name == null) {
            // Someone reads the cache (the launcher asked Java because there was none): keep it from now on.
            StatusCache.wanted(paths, () -> ActivationCommands.statusCacheText(env, paths));
        }
        return 0;
    }
}
