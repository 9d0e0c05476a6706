package online.niso.node.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.common.pkg.EntryType;
import online.niso.common.pkg.PackProgress;
import online.niso.common.pkg.PackRequest;
import online.niso.common.pkg.PackResult;
import online.niso.node.pkg.PackService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "pack", mixinStandardHelpOptions = true,
        description = "Build a reproducible <name>-<version>-<arch>.niso from a directory with manifest.toml.")
final class PackCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "Project directory.")
    Path dir;

    @Option(names = "--binary", paramLabel = "PATH", description = "Pack a pre-built binary as bin/<name>.")
    Path binary;

    @Option(names = "--sign", paramLabel = "KEY", description = "Sign with this private key (niso keygen).")
    Path sign;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = ".", description = "Output directory.")
    Path output;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces for errors.")
    boolean verbose;

    PackCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PackProgressBar[] bar = new PackProgressBar[1];
        PackResult result;
        try {
            result = PackService.pack(new PackService.PackOptions(dir, Optional.ofNullable(binary),
                    Optional.ofNullable(sign), output, PackService.archOf(System.getProperty("os.arch")),
                    PackRequest.mtimeFromSourceDateEpoch(env.env().get("SOURCE_DATE_EPOCH"))), entries -> {
                        int files = (int) entries.stream().filter(e -> e.type() == EntryType.FILE).count();
                        if (!PackProgressBar.wanted(env.interactive(), json, files,
                                () -> PackProgressBar.fileBytes(entries))) {
                            return PackProgress.NONE;
                        }
                        bar[0] = PackProgressBar.start(env.err(), env.env(), entries.size());
                        return bar[0];
                    });
        } finally {
            if (bar[0] != null) {
                bar[0].close(); // ends the bar's line before any result or error is printed
            }
        }
        Output.print(env, json, Views.Packed.of(result));
        return 0;
    }
}
