package online.niso.node.activate;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import online.niso.testinfra.hosts.ExecResult;
import online.niso.testinfra.hosts.TestHost;

/**
 * Puts this build of {@code niso} into a test host (the test classpath's niso classes and runtime jars, plus a
 * launcher like the distribution's) and runs it there as root, with root = the host's /.
 */
final class NisoOnHost {
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> TEST_ONLY = List.of("junit", "assertj", "opentest4j", "apiguardian",
            "awaitility", "hamcrest", "byte-buddy", "test-classes", "test-infra", "surefire");

    private NisoOnHost() {}

    static void install(TestHost host, Path work) {
        List<String> cp = new ArrayList<>();
        Path stage = work.resolve("niso-cp");
        try {
            Files.createDirectories(stage);
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (TEST_ONLY.stream().anyMatch(entry::contains)) {
                    continue;
                }
                Path p = Path.of(entry);
                String name = String.format("%02d-%s", i++, p.getFileName());
                if (Files.isDirectory(p)) {
                    run(List.of("cp", "-a", p + "/.", stage.resolve(name) + "/"), stage.resolve(name));
                    cp.add("/usr/local/lib/niso/" + name);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, stage.resolve(name));
                    cp.add("/usr/local/lib/niso/" + name);
                }
            }
            Path launcher = stage.resolve("niso");
            Files.writeString(launcher, "#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "
                    + String.join(":", cp) + " online.niso.node.cli.NodeMain \"$@\"\n");
            launcher.toFile().setExecutable(true);
            // The distribution's JVM-free `status --json --cached` (the dist launcher runs it as lib/status-cached.sh).
            Files.writeString(stage.resolve("status-cached.sh"), Files.readString(Path.of("src/main/dist/status-cached.sh"))
                    .replace("@VERSION@", online.niso.common.cli.NisoVersion.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        copyTree(host, stage, "/usr/local/lib/niso");
        host.exec("ln", "-sf", "/usr/local/lib/niso/niso", "/usr/local/bin/niso").orThrow();
    }

    /** Copies a local directory's content into {@code remoteDir} (tar through nsenter). */
    static void copyTree(TestHost host, Path localDir, String remoteDir) {
        try {
            Path tar = Files.createTempFile("niso-copy", ".tar");
            try {
                run(List.of("tar", "-C", localDir.toString(), "-cf", tar.toString(), "."), null);
                ProcessBuilder pb = new ProcessBuilder("nsenter", "-t", Long.toString(host.pid()), "-a", "sh", "-c",
                        "mkdir -p '" + remoteDir + "' && tar -C '" + remoteDir + "' -xf -");
                pb.redirectInput(tar.toFile());
                pb.redirectErrorStream(true);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException("copy into " + host.name() + ":" + remoteDir + " failed: " + out);
                }
            } finally {
                Files.deleteIfExists(tar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void run(List<String> argv, Path mkdir) {
        try {
            if (mkdir != null) {
                Files.createDirectories(mkdir);
            }
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ExecResult niso(TestHost host, String... args) {
        List<String> argv = new ArrayList<>(List.of("niso"));
        argv.addAll(List.of(args));
        return host.exec(TIMEOUT, argv.toArray(String[]::new));
    }

    /**
     * What the distribution's launcher runs for `niso status --json --cached`; {@code launcher} is what it runs when
     * it cannot answer from the cache ("/bin/false": prove that it did).
     */
    static ExecResult cachedStatus(TestHost host, String launcher) {
        return host.exec(TIMEOUT, "sh", "/usr/local/lib/niso/status-cached.sh", launcher);
    }

    static ExecResult sh(TestHost host, String script) {
        return host.exec(TIMEOUT, "sh", "-c", script);
    }
}
