package online.niso.fleet.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.remote.RemoteException;
import online.niso.common.remote.RemoteHost;

/**
 * One host over one SSH session. Every call is bounded: exec opens a channel with
 * {@code open().verify(t)} and waits with {@code waitFor(CLOSED, t)} — never the unbounded
 * convenience calls — and a timed-out channel is closed at once. Output is capped so a misbehaving
 * host cannot exhaust the controller's memory.
 */
final class SshRemoteHost implements RemoteHost {
    static final int MAX_OUTPUT = 16 << 20;

    private final String name;
    private final ClientSession session;

    SshRemoteHost(String name, ClientSession session) {
        this.name = name;
        this.session = session;
    }

    /** The key exchange this session negotiated (for tests). */
    String keyExchange() {
        return session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS);
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CmdResult exec(Cmd cmd, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        BoundedBuffer out = new BoundedBuffer();
        BoundedBuffer err = new BoundedBuffer();
        try (ChannelExec channel = session.createExecChannel(cmd.render())) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(timeout);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                channel.close(true);
                throw new RemoteException(name, RemoteException.Kind.TIMEOUT, "`" + cmd + "` did not finish within "
                        + timeout.toSeconds() + "s");
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                throw new RemoteException(name, RemoteException.Kind.IO, "`" + cmd + "`: the session ended without an exit status"
                        + (channel.getExitSignal() != null ? " (signal " + channel.getExitSignal() + ")" : ""));
            }
            return new CmdResult(cmd, status, out.text(), err.text());
        } catch (IOException e) {
            throw new RemoteException(name, session.isOpen() ? RemoteException.Kind.IO : RemoteException.Kind.CONNECT,
                    "`" + cmd + "`: " + e.getMessage(), e);
        }
    }

    @Override
    public void upload(Path local, String remotePath, Duration timeout) {
        upload(List.of(new Upload(local, remotePath)), timeout);
    }

    /**
     * One SFTP session and no command: each file's directory made where missing, files already there skipped when
     * {@code ifMissing}, the others written to {@code <path>.part} (mode 0600) and renamed into place with
     * OpenSSH's posix-rename (rename(2), atomic and overwriting). A server without that extension gets one
     * {@code mv} command for the lot (SFTP v3's own rename refuses to overwrite).
     */
    @Override
    public List<Upload> upload(List<Upload> files, Duration timeout) {
        if (files.isEmpty()) {
            return List.of();
        }
        Upload[] current = new Upload[1];
        boolean[] renamed = new boolean[1];
        CompletableFuture<List<Upload>> copy = CompletableFuture.supplyAsync(() -> {
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                for (String dir : RemoteHost.parents(files)) {
                    ensureDirectory(sftp, dir);
                }
                List<Upload> copied = new ArrayList<>();
                for (Upload f : files) {
                    current[0] = f;
                    if (f.ifMissing() && exists(sftp, f.remotePath())) {
                        continue;
                    }
                    String tmp = f.remotePath() + ".part";
                    try (InputStream in = Files.newInputStream(f.local());
                         OutputStream os = sftp.write(tmp, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                                 SftpClient.OpenMode.Truncate)) {
                        in.transferTo(os);
                    }
                    SftpClient.Attributes attrs = new SftpClient.Attributes();
                    attrs.setPermissions(0600);
                    sftp.setStat(tmp, attrs);
                    copied.add(f);
                }
                OpenSSHPosixRenameExtension rename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
                if (rename.isSupported()) {
                    for (Upload f : copied) {
                        current[0] = f;
                        rename.posixRename(f.remotePath() + ".part", f.remotePath());
                    }
                    renamed[0] = true;
                }
                return copied;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            List<Upload> copied = copy.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!renamed[0] && !copied.isEmpty()) {
                List<String> argv = new ArrayList<>(List.of("sh", "-c",
                        "for f; do mv -f -- \"$f.part\" \"$f\" || exit 1; done", "niso-upload"));
                copied.forEach(f -> argv.add(f.remotePath()));
                CmdResult mv = exec(Cmd.of(argv), timeout);
                if (!mv.ok()) {
                    throw new RemoteException(name, RemoteException.Kind.IO, "upload of " + names(copied) + ": "
                            + mv.describe());
                }
            }
            return copied;
        } catch (TimeoutException e) {
            copy.cancel(true);
            throw new RemoteException(name, RemoteException.Kind.TIMEOUT, "upload of " + names(files)
                    + " did not finish within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            Upload f = current[0] == null ? files.get(0) : current[0];
            throw new RemoteException(name, RemoteException.Kind.IO, "upload of " + f.local().getFileName() + " to "
                    + f.remotePath() + " failed: " + c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(name, RemoteException.Kind.IO, "upload interrupted");
        }
    }

    private static String names(List<Upload> files) {
        return files.stream().map(f -> f.local().getFileName().toString()).collect(Collectors.joining(", "));
    }

    private static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            sftp.stat(path);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return false;
            }
            throw e;
        }
    }

    /** {@code mkdir -p -m 0700 dir}: missing parents with the server's default mode, {@code dir} itself 0700. */
    private static void ensureDirectory(SftpClient sftp, String dir) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String d = dir; !d.isEmpty() && !exists(sftp, d); d = d.substring(0, Math.max(0, d.lastIndexOf('/')))) {
            missing.add(0, d);
        }
        for (String d : missing) {
            try {
                sftp.mkdir(d);
            } catch (SftpException e) {
                if (!exists(sftp, d)) { // else another upload made it meanwhile
                    throw e;
                }
            }
        }
        if (!missing.isEmpty()) {
            SftpClient.Attributes attrs = new SftpClient.Attributes();
            attrs.setPermissions(0700);
            sftp.setStat(dir, attrs);
        }
    }

    @Override
    public void close() {
        awaitClosed(closeAsync());
    }

    /** Starts a graceful close; {@link #awaitClosed} waits for it (so many sessions close at once). */
    org.apache.sshd.common.future.CloseFuture closeAsync() {
        return session.close(false);
    }

    static void awaitClosed(org.apache.sshd.common.future.CloseFuture f) {
        try {
            f.await(java.time.Duration.ofSeconds(5));
        } catch (IOException | RuntimeException ignored) {
            // closing a session that may already be gone
        }
    }

    /** Keeps the first MAX_OUTPUT bytes and drops the rest, noting that it did. */
    private static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private boolean truncated;

        @Override
        public synchronized void write(int b) {
            if (buf.size() < MAX_OUTPUT) {
                buf.write(b);
            } else {
                truncated = true;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = MAX_OUTPUT - buf.size();
            buf.write(b, off, Math.min(room, len));
            truncated |= len > room;
        }

        synchronized String text() {
            return buf.toString(StandardCharsets.UTF_8) + (truncated ? "\n[output truncated]" : "");
        }
    }
}
