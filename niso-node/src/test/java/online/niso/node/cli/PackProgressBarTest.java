package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When niso pack draws a progress bar, and that it never changes the package or the JSON output. */
class PackProgressBarTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        // interactive, json, files, bytes, wanted
        "true,  false, 2001, 0,        true",
        "true,  false, 2000, 0,        false",
        "true,  false, 10,   50000001, true",
        "true,  false, 10,   50000000, false",
        "false, false, 9999, 99999999, false",
        "true,  true,  9999, 99999999, false",
    })
    void onlyOnATerminalWithoutJsonForLargeTrees(boolean interactive, boolean json, int files, long bytes,
                                                 boolean wanted) {
        assertThat(PackProgressBar.wanted(interactive, json, files, () -> bytes)).isEqualTo(wanted);
    }

    @Test
    void bytesAreOnlyCountedWhenTheFileCountDoesNotDecide() {
        AtomicInteger asked = new AtomicInteger();
        PackProgressBar.wanted(true, false, 5000, () -> asked.incrementAndGet());
        PackProgressBar.wanted(false, false, 10, () -> asked.incrementAndGet());
        PackProgressBar.wanted(true, true, 10, () -> asked.incrementAndGet());
        assertThat(asked).hasValue(0);
        PackProgressBar.wanted(true, false, 10, () -> asked.incrementAndGet());
        assertThat(asked).hasValue(1);
    }

    @ParameterizedTest
    @CsvSource({"'',79", "120,119", "abc,79", "10,40", "1000,200"})
    void widthFollowsColumnsWithinBounds(String columns, int width) {
        assertThat(PackProgressBar.columns(columns.isEmpty() ? null : columns)).isEqualTo(width);
    }

    record Run(int code, String out, String err) {
    }

    static Run niso(boolean interactive, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NodeMain.run(new NodeEnvironment(new PrintWriter(out), new PrintWriter(err),
                Map.of("SOURCE_DATE_EPOCH", "1700000000"), Clock.systemUTC(), interactive), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aLargeTreeOnATerminalGetsABarOnStderrAndTheSameBytes() throws IOException {
        Path project = tmp.resolve("app");
        Files.createDirectories(project.resolve("lib"));
        Files.writeString(project.resolve("manifest.toml"), "[package]\nname = \"big\"\nversion = \"1.0.0\"\n\n"
                + "[binary]\nentrypoint = \"big\"\n");
        for (int i = 0; i < PackProgressBar.MIN_FILES + 1; i++) {
            Files.writeString(project.resolve("lib/f" + i), "x" + i);
        }
        Run tty = niso(true, "pack", project.toString(), "--output", tmp.resolve("a").toString());
        Run pipe = niso(false, "pack", project.toString(), "--output", tmp.resolve("b").toString());
        Run json = niso(true, "pack", project.toString(), "--output", tmp.resolve("c").toString(), "--json");
        assertThat(tty.code()).as(tty.err()).isZero();
        assertThat(pipe.code()).isZero();
        assertThat(json.code()).isZero();
        assertThat(tty.err()).contains("pack", "\r", (PackProgressBar.MIN_FILES + 2) + "/"
                + (PackProgressBar.MIN_FILES + 2)).endsWith("\n");
        assertThat(pipe.err()).isEmpty();
        assertThat(json.err()).isEmpty();
        assertThat(json.out()).startsWith("{");
        String name = "big-1.0.0-" + online.niso.node.pkg.PackService.archOf(System.getProperty("os.arch")) + ".niso";
        assertThat(Files.readAllBytes(tmp.resolve("a").resolve(name)))
                .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(name)))
                .isEqualTo(Files.readAllBytes(tmp.resolve("c").resolve(name)));
    }

    @Test
    void aSmallTreeOnATerminalStaysQuiet() throws IOException {
        Path project = tmp.resolve("small");
        Files.createDirectories(project);
        Files.writeString(project.resolve("manifest.toml"), "[package]\nname = \"s\"\nversion = \"1.0.0\"\n\n"
                + "[binary]\nentrypoint = \"s\"\n");
        Files.writeString(project.resolve("a.txt"), "a");
        Run tty = niso(true, "pack", project.toString(), "--output", tmp.resolve("o").toString());
        assertThat(tty.code()).as(tty.err()).isZero();
        assertThat(tty.err()).isEmpty();
    }
}
