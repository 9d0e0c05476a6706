package online.niso.testinfra.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: {@code assertMatches(expected, actual)} compares with the file; run with
 * {@code -Dniso.golden.update=true} to rewrite it (CI never sets this; review the diff as the spec).
 */
public final class Golden {
    public static final String UPDATE_PROPERTY = "niso.golden.update";

    private Golden() {}

    public static void assertMatches(Path expectedFile, String actual) {
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(expectedFile.toAbsolutePath().getParent());
                Files.writeString(expectedFile, actual);
                return;
            }
            if (!Files.exists(expectedFile)) {
                throw new AssertionError("missing golden file " + expectedFile + "; create it with -D" + UPDATE_PROPERTY
                        + "=true and review it");
            }
            assertThat(actual).as("golden file %s (update with -D%s=true)", expectedFile, UPDATE_PROPERTY)
                    .isEqualTo(Files.readString(expectedFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
