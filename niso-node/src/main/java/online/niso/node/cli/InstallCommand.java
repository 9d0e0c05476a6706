package online.niso.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import online.niso.node.pkg.InstallService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "install", mixinStandardHelpOptions = true,
        description = "Verify a .niso, then install it into /opt/niso/packages/<name>/<version>/.")
final class InstallCommand implements ChangesStatus {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Parameters(paramLabel = "FILE") Path file;

    @Option(names = {"--verify-key", "--key"}, paramLabel = "PUB",
            description = "Trust this public key (in addition to /etc/niso/trusted-keys/).")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Accept an unsigned package even when keys are trusted.")
    boolean allowUnsigned;

    @Option(names = "--force", description = "Replace an installed version whose content differs.")
    boolean force;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    InstallCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Scope scope() {
        return new Scope(env, common.root);
    }

    @Override
    public Integer change() {
        var paths = env.paths(common.root);
        var trust = InstallService.trustPolicy(paths, keys, allowUnsigned);
        var installed = InstallService.install(paths, env.clock(), file, trust, force);
        Output.print(env, json, Views.InstalledView.of(installed));
        return 0;
    }
}
