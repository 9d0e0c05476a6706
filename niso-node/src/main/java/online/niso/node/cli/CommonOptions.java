package online.niso.node.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every niso command accepts. */
public final class CommonOptions {
    @Option(names = "--root", paramLabel = "DIR",
            description = "Root prefix for all niso paths (default: $NISO_ROOT or /).")
    Path root;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces for errors.")
    boolean verbose;
}
