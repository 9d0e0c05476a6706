package online.niso.node.cli;

import online.niso.node.store.PackageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "remove", mixinStandardHelpOptions = true,
        description = "Remove an installed package version (refused for the active one).")
final class RemoveCommand implements ChangesStatus {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Parameters(index = "1", paramLabel = "VERSION") String version;

    RemoveCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Scope scope() {
        return new Scope(env, common.root);
    }

    @Override
    public Integer change() {
        var removed = PackageStore.open(env.paths(common.root), env.clock()).remove(name, version);
        Output.print(env, json, new Views.Removed(removed.name(), removed.version(), removed.digest()));
        return 0;
    }
}
