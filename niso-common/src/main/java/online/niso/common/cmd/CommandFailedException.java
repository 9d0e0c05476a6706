package online.niso.common.cmd;

import online.niso.common.error.OperationFailedException;

/** A command that had to succeed did not. The message names the redacted command and its stderr. */
public class CommandFailedException extends OperationFailedException {
    private static final long serialVersionUID = 1L;

    private final transient CmdResult result;

    public CommandFailedException(CmdResult result) {
        super(result.describe());
        this.result = result;
    }

    public CmdResult result() {
        return result;
    }
}
