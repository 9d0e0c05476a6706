package online.niso.common.cmd;

import java.time.Duration;

/** Runs a {@link Cmd}. The only way niso code starts processes, so tests can substitute a fake. */
public interface ProcessRunner {

    /** Runs to completion (or until the timeout, then kills it and reports exit code 124). */
    CmdResult run(Cmd cmd, byte[] stdin, Duration timeout);

    default CmdResult run(Cmd cmd, Duration timeout) {
        return run(cmd, new byte[0], timeout);
    }

    /** Runs and throws {@link CommandFailedException} unless it exited 0. */
    default CmdResult check(Cmd cmd, Duration timeout) {
        CmdResult r = run(cmd, timeout);
        if (!r.ok()) {
            throw new CommandFailedException(r);
        }
        return r;
    }
}
