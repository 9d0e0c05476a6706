package online.niso.node.cli;

import online.niso.node.activate.ActivationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "deactivate", mixinStandardHelpOptions = true,
        description = "Stop and disable niso-NAME.service and remove its unit (packages stay installed).")
final class DeactivateCommand implements ChangesStatus {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    DeactivateCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Scope scope() {
        return new Scope(env, common.root);
    }

    @Override
    public Integer change() {
        ActivationResult r = ActivationCommands.activations(env, env.paths(common.root)).deactivate(name);
        Output.print(env, json, new ContractViews.DeactivateDoc(r.service(), r.outcome()));
        return 0;
    }
}
