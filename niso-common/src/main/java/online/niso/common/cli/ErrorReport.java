package online.niso.common.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import online.niso.common.error.ExitCode;
import online.niso.common.error.NisoException;

/**
 * The single exception → (exit code, printed lines) mapping used by both CLIs' picocli handlers.
 * Expected failures print one line per problem; anything else is a bug and prints a stack trace
 * with a "please report" hint.
 */
public record ErrorReport(ExitCode exitCode, List<String> lines) {

    public static final String REPORT_HINT =
            "this is a bug in niso; please report it with the output above and the command you ran";

    public static ErrorReport of(Throwable error, boolean verbose) {
        if (error instanceof NisoException niso) {
            List<String> lines = niso.userMessages().stream().map(m -> "error: " + m).toList();
            if (verbose) {
                lines = new java.util.ArrayList<>(lines);
                lines.add(stackTrace(error));
            }
            return new ErrorReport(niso.exitCode(), lines);
        }
        return new ErrorReport(ExitCode.INTERNAL,
                List.of("internal error: " + error, stackTrace(error), REPORT_HINT));
    }

    public void print(PrintWriter err) {
        lines.forEach(err::println);
        err.flush();
    }

    private static String stackTrace(Throwable error) {
        StringWriter sw = new StringWriter();
        error.printStackTrace(new PrintWriter(sw));
        return sw.toString().stripTrailing();
    }
}
