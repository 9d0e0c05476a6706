package online.niso.testinfra.hosts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import online.niso.common.error.OperationFailedException;

/** The one place this package starts processes on the machine. */
final class LocalProcess {

    private LocalProcess() {}

    /** Runs {@code argv} to completion (stdin empty or {@code stdin} file), killing it after {@code timeout}. */
    static ExecResult run(Argv argv, Duration timeout, Path stdin, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(argv.args());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new OperationFailedException("cannot start '" + argv.render() + "': " + e.getMessage(), e);
        }
        // Drain both pipes concurrently: a child blocked on a full stderr pipe would never exit.
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                out.join();
                err.join();
                throw new OperationFailedException("'" + argv.render() + "' did not finish within " + timeout
                        + " (stderr so far: " + err.text().strip() + ")");
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OperationFailedException("interrupted while running '" + argv.render() + "'", e);
        }
        return new ExecResult(argv, p.exitValue(), out.text(), err.text());
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
