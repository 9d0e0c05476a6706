package online.niso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up archive (README: "the first run of a newly installed copy builds lib/niso.jsa in the
 * background; later runs start faster"), checked on a copy of the real distribution: a fresh copy runs without
 * an archive and makes one; the next run maps it (niso's own classes come from the "shared objects file"); a
 * jar newer than the archive's key makes it stale, so it is not mapped until it has been made again; NISO_CDS=0
 * maps nothing.
 */
class LauncherArchiveTest {
    private static final String MAIN = "online.niso.node.cli.NodeMain";
    private static final long ARCHIVE_WAIT_SECONDS = 300;

    @TempDir Path work;

    @Test
    void aCopiedDistributionMakesItsOwnArchiveUsesItAndStopsUsingItWhenAJarChanges() throws Exception {
        Path home = copyOf(FleetRealHostsTest.locateDist(), work.resolve("niso"));
        Path lib = home.resolve("lib");
        Files.deleteIfExists(lib.resolve("niso.jsa"));
        Files.deleteIfExists(lib.resolve("niso.jsa.key"));

        Run first = run(home, Map.of());
        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.mainSource()).as("no archive yet: classes come from the jar").contains("niso-node.jar");
        awaitArchive(lib);

        Run second = run(home, Map.of());
        assertThat(second.exit).as(second.output).isZero();
        assertThat(second.mainSource()).as("the archive made by the first run is mapped")
                .contains("shared objects file");

        Run disabled = run(home, Map.of("NISO_CDS", "0"));
        assertThat(disabled.mainSource()).as("NISO_CDS=0 maps nothing").contains("niso-node.jar");

        // A jar replaced in place after the archive was made (an upgrade by copying files): the archive no longer
        // matches and is not mapped; the run makes a new one.
        Path jar = lib.resolve("niso-node.jar");
        Files.setLastModifiedTime(lib.resolve("niso.jsa.key"), FileTime.from(Instant.now().minusSeconds(120)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Run stale = run(home, Map.of());
        assertThat(stale.exit).as(stale.output).isZero();
        assertThat(stale.mainSource()).as("stale archive is not mapped").contains("niso-node.jar");
        awaitArchive(lib);
        Run again = run(home, Map.of());
        assertThat(again.mainSource()).as("remade archive is mapped again").contains("shared objects file");
    }

    /**
     * niso runs, and dumps its archive, with G1 because on JDK 17 only G1 maps the archive's heap objects: the
     * boot layer's module graph and other archived subgraphs are then used as they are instead of being built at
     * start-up (~11 ms of "Initialize module system"). The JVM says so in its cds log; under the serial collector
     * (what the launcher used before) the same archive maps no heap object.
     */
    @Test
    void nisoMapsTheArchivedModuleGraph() throws Exception {
        Path home = FleetRealHostsTest.locateDist();
        Run g1 = run(home, Map.of("NISO_JAVA_OPTS", "-Xlog:cds=info,cds+heap=info"));
        assertThat(g1.exit).as(g1.output).isZero();
        assertThat(g1.output).as(g1.output).contains("full module graph: enabled")
                .contains("initialize_from_archived_subgraph jdk.internal.module.ArchivedBootLayer");
        Run serial = run(home, Map.of("NISO_JAVA_OPTS",
                "-Xlog:cds=info,cds+heap=info -XX:-UseG1GC -XX:+UseSerialGC"));
        assertThat(serial.exit).as(serial.output).isZero();
        assertThat(serial.output).doesNotContain("initialize_from_archived_subgraph jdk.internal.module.ArchivedBootLayer");
    }

    /**
     * JDK 17-22 run with the JRE's locale data (CLDR's start-up costs ~10% of a short run); JDK 23+ removed it and
     * would warn on stderr, so the launcher must not pass it there. The JVM's version comes from its
     * {@code release} file: a JAVA home whose {@code bin/java} is a script that runs the real JVM and whose
     * {@code release} names another version tells the launcher what it would see on such a host.
     */
    @Test
    void theJresLocaleDataOnlyWhereTheJvmStillHasIt() throws Exception {
        Path home = FleetRealHostsTest.locateDist();
        String realJava = ProcessHandle.current().info().command().orElseThrow();
        for (var c : Map.of("17.0.15", true, "21.0.4", true, "23", false, "25.0.3", false).entrySet()) {
            Path jdk = work.resolve("jdk-" + c.getKey());
            Files.createDirectories(jdk.resolve("bin"));
            Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + c.getKey() + "\"\n");
            Path java = jdk.resolve("bin/java");
            Files.writeString(java, "#!/bin/sh\nexec " + realJava + " \"$@\"\n");
            java.toFile().setExecutable(true);
            Run r = run(home, Map.of("NISO_JAVA", java.toString(), "NISO_CDS", "0",
                    "NISO_JAVA_OPTS", "-XshowSettings:properties"));
            assertThat(r.exit).as(r.output).isZero();
            if (c.getValue()) {
                assertThat(r.output).as("JDK " + c.getKey()).contains("java.locale.providers = COMPAT");
            } else {
                assertThat(r.output).as("JDK " + c.getKey()).doesNotContain("java.locale.providers");
            }
        }
    }

    /**
     * Every class the training runs loaded is in the archive. The CDS dump silently leaves out an old (Java 5)
     * interface that a lambda made it link, picocli's callbacks among them, and every class implementing it; each
     * such class is then looked up along the class path on every run, opening every jar in front of its own.
     * JFR's event classes and reflection accessors the JVM generated during training are never archived (the
     * JVM's rules). Neither are classes from a signed jar, which is why niso-fleet ships BouncyCastle unsigned.
     */
    @Test
    void theArchiveHoldsEveryClassTheTrainingLoaded() throws Exception {
        Path fleetDist = FleetRealHostsTest.locateDist().resolve("../../../niso-fleet/target/dist").normalize();
        for (var dist : new java.util.TreeMap<>(Map.of("niso", FleetRealHostsTest.locateDist(), "niso-fleet", fleetDist))
                .entrySet()) {
            Path lib = dist.getValue().resolve("lib");
            Path list = lib.resolve(dist.getKey() + ".classlist");
            assertThat(list).as("the build ships a class list").isRegularFile();
            StringBuilder cp = new StringBuilder();
            try (var jars = Files.list(lib)) {
                jars.filter(j -> j.toString().endsWith(".jar")).sorted()
                        .forEach(j -> cp.append(cp.length() == 0 ? "" : ":").append(j));
            }
            String realJava = ProcessHandle.current().info().command().orElseThrow();
            Process p = new ProcessBuilder(realJava, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + work.resolve(dist.getKey() + ".jsa"), "-XX:+UseSerialGC",
                    "-Xlog:cds=warning", "-cp", cp.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            List<String> skipped = out.lines().filter(l -> l.contains("Skipping "))
                    .filter(l -> !l.contains("JFR event class") && !l.contains("jdk/internal/event/")
                            && !l.contains("jdk/internal/reflect/Generated"))
                    .toList();
            assertThat(skipped).as(dist.getKey() + ": classes the dump left out").isEmpty();
        }
    }

    /**
     * niso-fleet's BouncyCastle is unsigned (else the archive leaves it out) and flattened to Java 17's view of
     * the multi-release jar: JDK 17 crashes when a JVMTI agent (JFR) meets an archived class that exists only
     * under META-INF/versions.
     */
    @Test
    void fleetShipsBouncyCastleUnsignedAndFlat() throws Exception {
        Path lib = FleetRealHostsTest.locateDist().resolve("../../../niso-fleet/target/dist/lib").normalize();
        Path jar;
        try (var files = Files.list(lib)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("bcprov-")).findFirst().orElseThrow();
        }
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(names).noneMatch(n -> n.startsWith("META-INF/versions/"))
                    .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
                    .contains("org/bouncycastle/jce/provider/BouncyCastleProvider.class");
            String manifest = new String(zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF")).readAllBytes());
            assertThat(manifest).doesNotContain("Multi-Release").doesNotContain("SHA-256-Digest");
        }
    }

    /** The background maker holds lib/.niso.cds.lock while it works; done = no lock and a key file. */
    private static void awaitArchive(Path lib) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ARCHIVE_WAIT_SECONDS);
        Path lock = lib.resolve(".niso.cds.lock");
        // The launcher takes the lock before it returns, so a missing lock right after the run means done.
        while (System.nanoTime() < deadline) {
            if (!Files.exists(lock) && Files.isRegularFile(lib.resolve("niso.jsa.key"))
                    && Files.isRegularFile(lib.resolve("niso.jsa"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no archive in " + lib + " after " + ARCHIVE_WAIT_SECONDS + " s");
    }

    private record Run(int exit, String output) {
        /** The class-load log line for niso's main class: where it was loaded from. */
        String mainSource() {
            return output.lines().filter(l -> l.contains(" " + MAIN + " source:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no class+load line for " + MAIN + " in:\n" + output));
        }
    }

    private static Run run(Path home, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin/niso").toString(), "--version"))
                .redirectErrorStream(true);
        pb.environment().put("NISO_JAVA_OPTS", "-Xlog:class+load=info");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("niso --version did not finish");
        }
        return new Run(p.exitValue(), out);
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        return to;
    }
}
