package online.niso.common.error;

/** Bad input (flags, configuration, package contents); nothing was changed. */
public class InvalidInputException extends NisoException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.INVALID_INPUT;
    }
}
