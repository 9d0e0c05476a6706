package online.niso.common.error;

/** The exit codes shared by both CLIs; scripts and CI rely on them, so they never change meaning. */
public enum ExitCode {
    /** The command did what was asked (or found nothing to do). */
    OK(0),
    /** The operation ran and failed (e.g. unhealthy after activation, rolled back). */
    FAILED(1),
    /** Bad flags, bad configuration, bad package: nothing was changed. */
    INVALID_INPUT(2),
    /** The world is not as expected: a held lock, a stale plan, a conflicting install. */
    UNEXPECTED_STATE(3),
    /** A bug in niso: printed with a stack trace and a "please report" hint. */
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
