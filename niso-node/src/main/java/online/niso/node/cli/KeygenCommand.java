package online.niso.node.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import online.niso.common.sign.KeyId;
import online.niso.common.sign.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(addMethodSubcommands = false, name = "keygen", mixinStandardHelpOptions = true,
        description = "Create an Ed25519 signing key pair: niso-signing.key (private, 0600) and niso-signing.pub.")
final class KeygenCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = ".", description = "Directory (default: .).")
    Path output;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces for errors.")
    boolean verbose;

    KeygenCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        KeyId id = SigningKeys.writeKeyPair(output);
        Output.print(env, json, new Views.KeyGenerated(id.toString(),
                output.resolve(SigningKeys.PRIVATE_FILE).toString(), output.resolve(SigningKeys.PUBLIC_FILE).toString()));
        return 0;
    }
}
