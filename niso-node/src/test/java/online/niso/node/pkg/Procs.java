package online.niso.node.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real tool for interop tests; argv as a list, never through a shell unless asked. */
final class Procs {
    record Result(int exit, String out) {
    }

    private Procs() {
    }

    static Result run(Path dir, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(argv)).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", argv));
        }
        return new Result(p.exitValue(), out);
    }

    static String ok(Path dir, String... argv) throws IOException, InterruptedException {
        Result r = run(dir, argv);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + r.exit() + ":\n" + r.out());
        }
        return r.out();
    }
}
