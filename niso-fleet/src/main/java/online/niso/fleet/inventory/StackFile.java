package online.niso.fleet.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import online.niso.common.error.InvalidInputException;

/**
 * The stack.toml a rollout deploys, pinned to the digest of its bytes: uploaded once per host under that
 * digest and named to `niso activate --stack`, so each host takes the service's definition (environment,
 * ports, networks, volumes, depends_on) from the same file. It may hold secrets, which is why it travels
 * as a root-only file and never as arguments.
 */
public record StackFile(Path file, String digest) {

    public static StackFile of(Path file) {
        try {
            return new StackFile(file, Digests.sha256(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read stack file " + file + ": " + e.getMessage(), e);
        }
    }
}
