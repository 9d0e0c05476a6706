package online.niso.node.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
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

    StatusCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        StatusService status = ActivationCommands.status(env, env.paths(common.root));
        Output.print(env, json, ContractViews.StatusDoc.of(env.host().hostname().get(),
                status.services(Optional.ofNullable(name)), status.packages()));
        return 0;
    }
}
