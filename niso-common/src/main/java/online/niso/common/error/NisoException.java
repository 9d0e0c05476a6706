package online.niso.common.error;

/**
 * Base of every expected failure. Each subclass carries the exit code it maps to, so each CLI
 * has exactly one place ({@code ...cli.ExceptionHandler}) turning exceptions into exit codes.
 */
public abstract class NisoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected NisoException(String message) {
        super(message);
    }

    protected NisoException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract ExitCode exitCode();

    /** One line per problem, as printed to the user (no stack trace). */
    public java.util.List<String> userMessages() {
        return java.util.List.of(getMessage());
    }
}
