package online.niso.testinfra.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shell scripts of {@code test-infra/bin}, packaged as class-path resources so any module's tests can use
 * them from the jar or from target/classes. They are the only implementation of the host lifecycle.
 */
final class Scripts {

    static final List<String> FILES = List.of("testhosts", "testhosts-boot", "prepare", "rootfs-recipe");
    private static final String RESOURCE_DIR = "/online/niso/testinfra/hosts/bin/";

    private Scripts() {}

    /** Copies the scripts into a new private temp directory; the caller deletes it with {@link #delete}. */
    static Path extract() {
        try {
            Path dir = Files.createTempDirectory("niso-testhosts-bin",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String name : FILES) {
                try (InputStream in = Scripts.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IllegalStateException("resource " + RESOURCE_DIR + name
                                + " missing from the test-infra jar (is test-infra/bin packaged?)");
                    }
                    Files.copy(in, dir.resolve(name));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the testhosts scripts", e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
