package online.niso.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import online.niso.node.pkg.InstallService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "verify", mixinStandardHelpOptions = true,
        description = "Check a .niso's checksums and signature without installing (writes nothing).")
final class VerifyCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Parameters(paramLabel = "FILE") Path file;

    @Option(names = {"--key", "--verify-key"}, paramLabel = "PUB", description = "Trust this public key.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Accept an unsigned package even when keys are trusted.")
    boolean allowUnsigned;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    VerifyCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        var trust = InstallService.trustPolicy(env.paths(common.root), keys, allowUnsigned);
        var verified = InstallService.verify(file, trust);
        Output.print(env, json, Views.VerifiedView.of(file, verified.verified(), verified.manifest()));
        return 0;
    }
}
