package online.niso.common.cmd;

/** What a finished command produced. Output is decoded as UTF-8. */
public record CmdResult(Cmd cmd, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** A one-line description for errors: the (redacted) command, its exit code and the end of stderr. */
    public String describe() {
        String tail = stderr.strip();
        if (tail.length() > 2000) {
            tail = "…" + tail.substring(tail.length() - 2000);
        }
        return "`" + cmd + "` exited " + exitCode + (tail.isEmpty() ? "" : ": " + tail);
    }
}
