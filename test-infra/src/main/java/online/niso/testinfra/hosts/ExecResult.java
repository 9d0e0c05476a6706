package online.niso.testinfra.hosts;

import online.niso.common.error.OperationFailedException;

/** Outcome of a finished command: exit code and everything it printed. */
public record ExecResult(Argv argv, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result if the command succeeded; otherwise an exception naming the command and its stderr. */
    public ExecResult orThrow() {
        if (!ok()) {
            throw new OperationFailedException(describe());
        }
        return this;
    }

    public String describe() {
        return "'" + argv.render() + "' exited " + exitCode
                + (stderr.isBlank() ? "" : ": " + stderr.strip())
                + (stdout.isBlank() || !stderr.isBlank() ? "" : " (stdout: " + stdout.strip() + ")");
    }
}
