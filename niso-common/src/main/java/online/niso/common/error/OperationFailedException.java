package online.niso.common.error;

/** The operation ran and did not succeed. */
public class OperationFailedException extends NisoException {
    private static final long serialVersionUID = 1L;

    public OperationFailedException(String message) {
        super(message);
    }

    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.FAILED;
    }
}
