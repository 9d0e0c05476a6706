package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import online.niso.common.cli.NisoVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCliTest {

    @TempDir Path root;

    record Run(int code, String out, String err) {}

    static Run niso(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NodeMain.run(new NodeEnvironment(new PrintWriter(out), new PrintWriter(err), env,
                Clock.systemUTC(), false), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionAndHelpExitZero() {
        Run version = niso(Map.of(), "--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).contains("niso " + NisoVersion.get());
        assertThat(niso(Map.of(), "--help").out()).contains("list", "remove", "generate-completion");
    }

    @Test
    void completionScriptIsGenerated() {
        Run run = niso(Map.of(), "generate-completion");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("complete", "niso");
    }

    @Test
    void unknownCommandIsInvalidInput() {
        Run run = niso(Map.of(), "frobnicate");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void listOnAnEmptyRootSaysSoAndHonoursNisoRoot() {
        Run run = niso(Map.of("NISO_ROOT", root.toString()), "list");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("no packages installed");
        assertThat(root.resolve("opt/niso/state/niso.db")).doesNotExist();
    }

    @Test
    void listJsonCarriesTheSchemaVersion() {
        Run run = niso(Map.of(), "list", "--json", "--root", root.toString());
        assertThat(run.out().strip()).isEqualTo("{\"packages\":[],\"schema\":1}");
    }

    @Test
    void removingWhatIsNotInstalledIsExitThreeWithOneLine() {
        Run run = niso(Map.of(), "remove", "api", "1.0.0", "--root", root.toString());
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("error: api 1.0.0 is not installed");
    }
}
