package online.niso.common.cmd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import online.niso.common.trace.Trace;

/** Runs commands on this machine with {@link ProcessBuilder}; stdout and stderr are drained concurrently. */
public final class LocalProcessRunner implements ProcessRunner {

    /** Exit code reported for a command killed at its timeout (as coreutils' timeout does). */
    public static final int TIMED_OUT = 124;

    private final Map<String, String> extraEnv;

    public LocalProcessRunner() {
        this(Map.of());
    }

    public LocalProcessRunner(Map<String, String> extraEnv) {
        this.extraEnv = Map.copyOf(extraEnv);
    }

    @Override
    public CmdResult run(Cmd cmd, byte[] stdin, Duration timeout) {
        try (Trace.Span span = Trace.span(String.join(" ", cmd.argv()))) {
            return runTraced(cmd, stdin, timeout);
        }
    }

    private CmdResult runTraced(Cmd cmd, byte[] stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(cmd.argv());
        pb.environment().putAll(extraEnv);
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // The process may exit without reading its input; that is its business.
            }
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            int code = finished ? p.exitValue() : TIMED_OUT;
            return new CmdResult(cmd, code, new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8)
                            + (finished ? "" : "\n(killed after " + timeout.toMillis() + " ms)"));
        } catch (IOException e) {
            return new CmdResult(cmd, 127, "", "cannot run " + cmd.program() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                stream.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
