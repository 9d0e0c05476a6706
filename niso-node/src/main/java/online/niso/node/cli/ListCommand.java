package online.niso.node.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.node.state.InstalledPackage;
import online.niso.node.store.PackageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "list", mixinStandardHelpOptions = true, description = "List installed packages.")
final class ListCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this package.")
    String name;

    ListCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        List<InstalledPackage> packages = PackageStore.open(env.paths(common.root), env.clock())
                .list(Optional.ofNullable(name));
        Output.print(env, json, new Views.PackageList(packages.stream().map(Views.PackageRow::of).toList()));
        return 0;
    }
}
