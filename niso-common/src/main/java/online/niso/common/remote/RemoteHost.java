package online.niso.common.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * A file to copy: {@code local} to {@code remotePath}; {@code ifMissing}: only when the host has no file there
     * yet (files named by their content's digest).
     */
    record Upload(Path local, String remotePath, boolean ifMissing) {
        public Upload(Path local, String remotePath) {
            this(local, remotePath, false);
        }
    }

    /**
     * Copies each file atomically, like {@link #upload}, within {@code timeout} for all of them, creating each one's
     * directory (mode 0700) where it is missing; returns the files copied (not those skipped as present). This
     * default does it with commands; the real host uses one SFTP session for the lot and no command at all.
     */
    default List<Upload> upload(List<Upload> files, Duration timeout) {
        List<Upload> copied = new ArrayList<>();
        for (String dir : parents(files)) {
            CmdResult mk = exec(Cmd.of("mkdir", "-p", "-m", "0700", dir), timeout);
            if (!mk.ok()) {
                throw new RemoteException(name(), RemoteException.Kind.IO, "cannot create " + dir + ": " + mk.describe());
            }
        }
        for (Upload f : files) {
            if (f.ifMissing() && exec(Cmd.of("test", "-f", f.remotePath()), timeout).ok()) {
                continue;
            }
            upload(f.local(), f.remotePath(), timeout);
            copied.add(f);
        }
        return copied;
    }

    /** The directories {@code files} go to, sorted, each once. */
    static List<String> parents(List<Upload> files) {
        return files.stream().map(f -> f.remotePath().substring(0, Math.max(1, f.remotePath().lastIndexOf('/'))))
                .distinct().sorted().toList();
    }

    @Override
    void close();
}
