package online.niso.fleet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every niso-fleet command accepts. */
public final class FleetOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "fleet.toml",
            description = "The fleet file (default: ./fleet.toml).")
    Path file;

    @Option(names = "--json", description = "Machine-readable output: one JSON document, or JSON lines while deploying.")
    boolean json;

    @Option(names = "--accept-new-host-keys",
            description = "Trust and record host keys not yet in known_hosts (changed keys are still refused).")
    boolean acceptNewHostKeys;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces for errors.")
    boolean verbose;
}
