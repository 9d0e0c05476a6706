package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {
    @TempDir
    Path tmp;

    @Test
    void missingExpectedFileFailsNamingTheUpdateFlag() {
        org.junit.jupiter.api.Assumptions.assumeFalse(GoldenFiles.updating(), "meaningless in update mode");
        assertThatThrownBy(() -> GoldenFiles.assertMatches(tmp.resolve("expected/niso-x.service"), "text"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not exist").hasMessageContaining("-Dniso.golden.update=true");
    }

    @Test
    void differentContentFailsNamingTheFileAndTheFlag() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(GoldenFiles.updating(), "meaningless in update mode");
        Path f = Files.writeString(tmp.resolve("niso-x.service"), "old\n");
        assertThatThrownBy(() -> GoldenFiles.assertMatches(f, "new\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("-Dniso.golden.update=true");
    }
}
