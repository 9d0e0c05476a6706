package online.niso.common.error;

/** The system is not in the state the command needs (lock held, conflicting install, stale plan). */
public class UnexpectedStateException extends NisoException {
    private static final long serialVersionUID = 1L;

    public UnexpectedStateException(String message) {
        super(message);
    }

    public UnexpectedStateException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.UNEXPECTED_STATE;
    }
}
