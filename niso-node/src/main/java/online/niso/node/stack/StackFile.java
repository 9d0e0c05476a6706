package online.niso.node.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import online.niso.common.config.StackParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.hash.Sha256;
import online.niso.common.model.Stack;

/** A parsed stack.toml with where it came from and the digest of its bytes (recorded by {@code up}). */
public record StackFile(Path path, Stack stack, String digest) {

    /** Reads and parses; every config error at once with file:line (exit 2), a missing file is invalid input. */
    public static StackFile load(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("stack file " + path + " does not exist (use -f FILE)");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read stack file " + path + ": " + e.getMessage());
        }
        Stack stack = StackParser.parse(path.getFileName().toString(), new String(bytes, StandardCharsets.UTF_8));
        return new StackFile(path.toAbsolutePath().normalize(), stack, "sha256:" + Sha256.hex(bytes));
    }

    public String fileName() {
        return path.getFileName().toString();
    }
}
