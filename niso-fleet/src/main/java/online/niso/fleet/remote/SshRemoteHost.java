package online.niso.fleet.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
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

    /** Each file to {@code <path>.part} in one SFTP session, then one command renames them all into place. */
    @Override
    public void upload(List<Upload> files, Duration timeout) {
        if (files.isEmpty()) {
            return;
        }
        String what = files.stream().map(f -> f.local().getFileName().toString()).collect(Collectors.joining(", "));
        Upload[] current = new Upload[1];
        CompletableFuture<Void> copy = CompletableFuture.runAsync(() -> {
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                for (Upload f : files) {
                    current[0] = f;
                    String tmp = f.remotePath() + ".part";
                    try (InputStream in = Files.newInputStream(f.local());
                         OutputStream os = sftp.write(tmp, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                                 SftpClient.OpenMode.Truncate)) {
                        in.transferTo(os);
                    }
                    SftpClient.Attributes attrs = new SftpClient.Attributes();
                    attrs.setPermissions(0600);
                    sftp.setStat(tmp, attrs);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            copy.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // rename(2) on the host is atomic: a reader sees no file or the whole file, never a torn copy.
            // (OpenSSH's SFTP v3 rename refuses to overwrite, so the renames run as one command.)
            List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c",
                    "for f; do mv -f -- \"$f.part\" \"$f\" || exit 1; done", "niso-upload"));
            files.forEach(f -> argv.add(f.remotePath()));
            CmdResult mv = exec(Cmd.of(argv), timeout);
            if (!mv.ok()) {
                throw new RemoteException(name, RemoteException.Kind.IO, "upload of " + what + ": " + mv.describe());
            }
        } catch (TimeoutException e) {
            copy.cancel(true);
            throw new RemoteException(name, RemoteException.Kind.TIMEOUT, "upload of " + what
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
