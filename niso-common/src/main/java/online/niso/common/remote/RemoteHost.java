package online.niso.common.remote;

import java.nio.file.Path;
import java.time.Duration;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;

/**
 * One host reached by the fleet controller: run a command, copy a file in. Every call has a timeout.
 * Lives in niso-common (it is only an interface, no SSH) so the fakes in test-infra can implement it;
 * niso-fleet's SshRemoteHost is the real one.
 */
public interface RemoteHost extends AutoCloseable {

    String name();

    /**
     * Runs {@code cmd} (rendered for a POSIX shell) and returns its exit code and output; a non-zero
     * exit is a result, not an exception.
     *
     * @throws RemoteException when the host cannot be reached or the command does not finish in time
     */
    CmdResult exec(Cmd cmd, Duration timeout);

    /** Copies {@code local} to {@code remotePath} atomically (temp name + rename on the host). */
    void upload(Path local, String remotePath, Duration timeout);

    /** A file to copy: {@code local} to {@code remotePath}. */
    record Upload(Path local, String remotePath) {}

    /**
     * Copies each file atomically, like {@link #upload}, within {@code timeout} for all of them; the real host uses
     * one SFTP session and one rename command for the lot instead of one each.
     */
    default void upload(java.util.List<Upload> files, Duration timeout) {
        for (Upload f : files) {
            upload(f.local(), f.remotePath(), timeout);
        }
    }

    @Override
    void close();
}
