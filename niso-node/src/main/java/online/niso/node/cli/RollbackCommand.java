package online.niso.node.cli;

import online.niso.node.activate.ActivationResult;
import online.niso.node.activate.ActivationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "rollback", mixinStandardHelpOptions = true,
        description = "Activate the previous version again (current and previous swap).")
final class RollbackCommand implements ChangesStatus {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--wait", description = "Wait until healthy; restore and exit 1 if it is not.")
    boolean waitForHealth;

    @Option(names = "--timeout", paramLabel = "D", description = "How long --wait waits.")
    String timeout;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    RollbackCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Scope scope() {
        return new Scope(env, common.root);
    }

    @Override
    public Integer change() {
        ActivationResult r = ActivationCommands.activations(env, env.paths(common.root)).rollback(name,
                new ActivationService.Options(waitForHealth, ActivationCommands.timeout(timeout)));
        Output.print(env, json, ContractViews.ActivateDoc.of(r));
        return r.exitCode(true);
    }
}
