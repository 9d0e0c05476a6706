package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.cli.NisoVersion;
import online.niso.node.systemd.ReadinessUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines hosts are actually run with take the fast path; errors and help stay picocli's. */
class FastArgsTest {

    private static NodeEnvironment env(StringWriter out, StringWriter err) {
        return new NodeEnvironment(new PrintWriter(out), new PrintWriter(err), Map.of(), Clock.systemUTC(), false);
    }

    /**
     * What niso-fleet runs on every host (online.niso.fleet.remote.NodeCommands: status, activate with every
     * option it can add, rollback, deactivate; keep this list in step with it) and what the generated units run
     * (ReadinessUnit's ExecStart=, below). If one of these stops being bound fast, the optimisation has rotted.
     */
    static final List<List<String>> FLEET_ARGV = List.of(
            List.of("status", "--json"),
            List.of("activate", "web", "--package", "static-web", "--wait", "--timeout", "60s", "--json"),
            List.of("activate", "web", "2.0.0", "--package", "static-web", "--stack",
                    "/var/lib/niso/incoming/stack-0123abcd.toml", "--from", "/var/lib/niso/incoming/web.niso",
                    "--wait", "--timeout", "61s", "--hold", "1500ms", "--json"),
            List.of("activate", "web", "1.0.0", "--wait", "--timeout", "1s", "--hold", "30s", "--json"),
            List.of("rollback", "web", "--json"),
            List.of("rollback", "web", "--wait", "--timeout", "60s", "--json"),
            List.of("deactivate", "web", "--json"),
            // bench-toggle and the docs' everyday forms.
            List.of("activate", "static-web", "2.0.0"),
            List.of("status"),
            List.of("health", "web", "--await", "--timeout", "30s"));

    @Test
    void whatFleetAndOperatorsRunIsBoundWithoutPicocli() {
        for (List<String> argv : FLEET_ARGV) {
            assertThat(NodeMain.fastCommand(env(new StringWriter(), new StringWriter()), argv.toArray(String[]::new)))
                    .as("niso %s", String.join(" ", argv)).isPresent();
        }
    }

    @Test
    void theReadinessUnitsHealthCheckIsBoundWithoutPicocli() {
        for (Optional<Path> root : List.of(Optional.<Path>empty(), Optional.of(Path.of("/srv/niso root")))) {
            String exec = ReadinessUnit.template(Path.of("/usr/local/bin/niso"), root).sections().get(1)
                    .get("ExecStart").orElseThrow();
            List<String> argv = new ArrayList<>(Arrays.asList(exec.replace("'/srv/niso root'", "ROOT").split(" ")));
            argv.replaceAll(a -> a.equals("%i") ? "web" : a.equals("ROOT") ? "/srv/niso root" : a);
            assertThat(argv.remove(0)).isEqualTo("/usr/local/bin/niso");
            HealthCommand bound = (HealthCommand) NodeMain.fastCommand(env(new StringWriter(), new StringWriter()),
                    argv.toArray(String[]::new)).orElseThrow(() -> new AssertionError("not fast: " + argv));
            assertThat(bound.name).isEqualTo("web");
            assertThat(bound.await).isTrue();
            assertThat(bound.common.root).isEqualTo(root.orElse(null));
        }
    }

    @Test
    void boundValuesReachTheCommandAndItsMixins() {
        ActivateCommand a = (ActivateCommand) NodeMain.fastCommand(env(new StringWriter(), new StringWriter()),
                new String[] {"activate", "--root=/r", "web", "--package", "pkg", "2.0.0", "--stack", "s.toml", "-v",
                    "--wait"}).orElseThrow();
        assertThat(a.name).isEqualTo("web");
        assertThat(a.version).isEqualTo("2.0.0");
        assertThat(a.common.root).isEqualTo(Path.of("/r"));
        assertThat(a.common.verbose).isTrue();
        assertThat(a.definition.pkg).isEqualTo("pkg");
        assertThat(a.definition.stack).isEqualTo(Path.of("s.toml"));
        assertThat(a.waitForHealth).isTrue();
        assertThat(a.json).isFalse();
        assertThat(a.keys).isEmpty();
    }

    @Test
    void helpUnknownOptionsAndMissingValuesAreLeftToPicocli() {
        for (String[] args : new String[][] {{"activate", "--help"}, {"activate", "web", "-h"}, {"status", "--nope"},
                {"status", "--root"}, {"activate"}, {"status", "--json", "--json"}, {"activate", "web", "--", "1"},
                {"health", "web", "-vx"}, {"status", "@args"}, {"activate", "web", "--key", "k.pub"},
                {"net", "restore"}, {"generate-completion"}, {"--version", "status"}, {}}) {
            assertThat(NodeMain.fastCommand(env(new StringWriter(), new StringWriter()), args)).as(List.of(args)
                    .toString()).isEmpty();
        }
    }

    @Test
    void aMissingRequiredArgumentStillGetsPicocliMessageAndExit2() {
        StringWriter err = new StringWriter();
        int code = NodeMain.run(env(new StringWriter(), err), "health");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'NAME'").contains("Usage: niso health");
    }

    @Test
    void aFailingFastCommandReportsLikePicocliPathDoes(@TempDir Path root) {
        // An invalid service name is invalid input (exit 2) with niso's own message, on both paths.
        StringWriter fastErr = new StringWriter();
        int fast = NodeMain.run(env(new StringWriter(), fastErr), "deactivate", "Bad/Name", "--root", root.toString());
        StringWriter slowErr = new StringWriter();
        assertThat(NodeMain.fastCommand(env(new StringWriter(), new StringWriter()),
                new String[] {"deactivate", "Bad/Name", "--root", root.toString()})).isPresent();
        // The same line through picocli, with NodeMain's handler.
        var cli = NodeMain.commandLine(env(new StringWriter(), slowErr), new String[] {"deactivate"});
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            var report = online.niso.common.cli.ErrorReport.of(error, false);
            report.print(new PrintWriter(slowErr, true));
            return report.exitCode().code();
        });
        int slow = cli.execute("deactivate", "Bad/Name", "--root", root.toString());
        assertThat(fast).isEqualTo(slow).isEqualTo(2);
        assertThat(fastErr.toString()).isEqualTo(slowErr.toString()).isNotBlank();
    }

    @Test
    void versionAloneIsAnsweredWithPicocliLine() {
        StringWriter out = new StringWriter();
        assertThat(NodeMain.run(env(out, new StringWriter()), "-V")).isZero();
        assertThat(out.toString()).isEqualTo("niso " + NisoVersion.get() + System.lineSeparator());
        StringWriter slow = new StringWriter();
        var cli = NodeMain.commandLine(env(slow, new StringWriter()), new String[] {"--version", "x"});
        cli.setOut(new PrintWriter(slow));
        cli.printVersionHelp(new PrintWriter(slow, true));
        assertThat(out.toString()).isEqualTo(slow.toString());
    }
}
