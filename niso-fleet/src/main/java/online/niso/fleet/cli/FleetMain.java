package online.niso.fleet.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import online.niso.common.cli.ErrorReport;
import picocli.CommandLine;

/** Entry point of the {@code niso-fleet} CLI. Tests call {@link #run}; only {@link #main} exits. */
public final class FleetMain {

    private FleetMain() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        int code = run(FleetEnvironment.system(out, err, in, System.getenv(), System.console() != null), args);
        System.exit(code);
    }

    public static int run(FleetEnvironment environment, String... args) {
        CommandLine cli = new CommandLine(new FleetCommand(), new EnvironmentFactory(environment));
        cli.setOut(environment.out());
        cli.setErr(environment.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(new UsageErrorExitCode());
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        cli.setExecutionExceptionHandler(new ReportingHandler(environment.err(), verbose));
        int code = cli.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /*
     * The two picocli callbacks are named classes, not lambdas: picocli's interfaces are Java 5 class files, and
     * the CDS dump excludes an old interface that a lambda made it link (and every class implementing it). A
     * class missing from the archive is looked up along the whole class path, which opens every jar before
     * picocli's on every run.
     */

    /** An exception from a command: its report on stderr, its exit code. */
    private static final class ReportingHandler implements CommandLine.IExecutionExceptionHandler {
        private final PrintWriter err;
        private final boolean verbose;

        ReportingHandler(PrintWriter err, boolean verbose) {
            this.err = err;
            this.verbose = verbose;
        }

        @Override
        public int handleExecutionException(Exception error, CommandLine commandLine,
                CommandLine.ParseResult parseResult) {
            ErrorReport report = ErrorReport.of(error, verbose);
            report.print(err);
            return report.exitCode().code();
        }
    }

    /** Usage errors (bad flags) are invalid input: exit 2, as in the shared exit-code table. */
    private static final class UsageErrorExitCode implements CommandLine.IExitCodeExceptionMapper {
        @Override
        public int getExitCode(Throwable exception) {
            return 2;
        }
    }

    private record EnvironmentFactory(FleetEnvironment environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == FleetEnvironment.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(environment));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
