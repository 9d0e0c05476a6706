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
import online.niso.common.cli.ErrorReport;
import online.niso.node.systemd.ReadinessUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Whole runs through the fast path: the units' own command line, and errors reported as picocli's path does. */
class FastArgsRunTest {

    private static NodeEnvironment env(StringWriter out, StringWriter err) {
        return new NodeEnvironment(new PrintWriter(out), new PrintWriter(err), Map.of(), Clock.systemUTC(), false);
    }

    private static Optional<Object> fast(String... args) {
        return FastArgs.bind(CommandIndex.load(),
                new NodeMain.EnvironmentFactory(env(new StringWriter(), new StringWriter())), args);
    }

    /** Taken from the generated unit itself (not a copy of it), so a change to its argv cannot slip past. */
    @Test
    void theReadinessUnitsHealthCheckIsBoundFast() {
        for (Optional<Path> root : List.of(Optional.<Path>empty(), Optional.of(Path.of("/srv/niso-root")))) {
            String exec = ReadinessUnit.template(Path.of("/usr/local/bin/niso"), root).require("Service")
                    .get("ExecStart").orElseThrow();
            List<String> argv = new ArrayList<>(Arrays.asList(exec.split(" ")));
            argv.replaceAll(a -> a.equals("%i") ? "web" : a);
            assertThat(argv.remove(0)).isEqualTo("/usr/local/bin/niso");
            HealthCommand bound = (HealthCommand) fast(argv.toArray(String[]::new))
                    .orElseThrow(() -> new AssertionError("not bound fast: " + argv));
            assertThat(bound.name).isEqualTo("web");
            assertThat(bound.await).isTrue();
            assertThat(bound.common.root).isEqualTo(root.orElse(null));
        }
    }

    @Test
    void aFailingCommandReportsTheSameOnBothPaths(@TempDir Path root) {
        String[] args = {"deactivate", "Bad/Name", "--root", root.toString()};
        assertThat(fast(args)).isPresent();
        StringWriter fastErr = new StringWriter();
        int fastCode = NodeMain.run(env(new StringWriter(), fastErr), args);
        // The same line through picocli, with the handler NodeMain gives it.
        StringWriter slowErr = new StringWriter();
        CommandLine cli = NodeMain.commandLine(env(new StringWriter(), slowErr), args);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            ErrorReport report = ErrorReport.of(error, false);
            report.print(new PrintWriter(slowErr, true));
            return report.exitCode().code();
        });
        int slowCode = cli.execute(args);
        assertThat(fastCode).isEqualTo(slowCode).isEqualTo(2);
        assertThat(fastErr.toString()).isEqualTo(slowErr.toString()).contains("Bad/Name");
    }

    @Test
    void aLineTheFastPathDeclinesStillGetsPicocliMessageAndExit2() {
        for (String[] args : new String[][] {{"health"}, {"status", "--root", "a\u0000b"}}) {
            assertThat(fast(args)).as(List.of(args).toString()).isEmpty();
            StringWriter err = new StringWriter();
            assertThat(NodeMain.run(env(new StringWriter(), err), args)).as(List.of(args).toString()).isEqualTo(2);
            assertThat(err.toString()).contains("Usage: niso " + args[0]);
        }
    }

    @Test
    void cdsTrainingTakesTheFastPathForTheHotCommands() {
        // CdsTraining refuses to train (no archive) when they do not: asserted here on the same rule.
        for (String[] step : new String[][] {{"activate", "cds-train", "--root", "/r"},
                {"activate", "cds-train", "2.0.0", "--root", "/r", "--from", "/x.niso", "--json"},
                {"status", "--root", "/r"}, {"status", "cds-train", "--root", "/r", "--json"},
                {"rollback", "cds-train", "--root", "/r"}}) {
            assertThat(CdsTraining.bindsFast(step)).as(List.of(step).toString()).isTrue();
        }
        assertThat(CdsTraining.bindsFast(new String[] {"status", "--help"})).isFalse();
    }
}
