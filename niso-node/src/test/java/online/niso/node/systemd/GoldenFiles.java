package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Golden-file comparison. {@code -Dniso.golden.update=true} rewrites expected files (never set in
 * CI); otherwise a missing or different file fails, naming the flag.
 */
final class GoldenFiles {
    static final String UPDATE_PROPERTY = "niso.golden.update";

    private GoldenFiles() {}

    /** src/test/resources/golden/... of this module, whether Maven runs from the root or the module. */
    static Path goldenRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        if (!Files.isDirectory(module.resolve("src/test/resources/golden")) && Files.isDirectory(module.resolve("niso-node"))) {
            module = module.resolve("niso-node");
        }
        return module.resolve("src/test/resources/golden");
    }

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    static void assertMatches(Path expected, String actual) {
        try {
            if (updating()) {
                Files.createDirectories(expected.getParent());
                Path tmp = Files.createTempFile(expected.getParent(), ".golden", ".tmp");
                Files.writeString(tmp, actual, StandardCharsets.UTF_8);
                Files.move(tmp, expected, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            if (!Files.exists(expected)) {
                fail("golden file " + expected + " does not exist; run the tests with -D" + UPDATE_PROPERTY
                        + "=true to create it, then review the diff");
            }
            assertThat(actual)
                    .as("%s differs from the generated text (if the change is intended, rerun with -D%s=true and"
                            + " review the diff)", expected, UPDATE_PROPERTY)
                    .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
