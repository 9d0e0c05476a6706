package online.niso.common.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The picocli callbacks both CLIs install: errors reported by {@link ErrorReport} with its exit code, usage
 * errors exit 2 (invalid input, as in the shared exit-code table).
 *
 * <p>Named classes, not lambdas: picocli's interfaces are Java 5 class files, and the CDS dump excludes an old
 * interface that a lambda made it link (and every class implementing it). A class missing from the archive is
 * looked up along the whole class path, which opens every jar before picocli's on every run.
 */
public final class PicocliCallbacks {
    private PicocliCallbacks() {}

    /** An exception from a command: its report on stderr, its exit code. */
    public static final class ReportingHandler implements CommandLine.IExecutionExceptionHandler {
        private final PrintWriter err;
        private final boolean verbose;

        public ReportingHandler(PrintWriter err, boolean verbose) {
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

    /** Usage errors (bad flags) are invalid input: exit 2. */
    public static final class UsageErrorExitCode implements CommandLine.IExitCodeExceptionMapper {
        @Override
        public int getExitCode(Throwable exception) {
            return 2;
        }
    }
}
