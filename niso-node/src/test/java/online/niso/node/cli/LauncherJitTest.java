package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher's JIT choice (src/main/dist/launcher.sh): C1 only for runs that hash little, C2 for the SHA-256
 * digest (lib/jit-directives.json) for those that hash a lot: pack, a package of 4 MiB or more. niso-fleet is
 * C1-only whatever its arguments, even with a directives file beside it.
 * C1 runs compile only hot methods (CompileThresholdScaling=5). Runs the launcher template against a stand-in
 * "java" that prints the arguments it was given. SMALL and BIG stand for a 1 KiB and a 5 MiB package file.
 */
class LauncherJitTest {
    private static final Path TEMPLATE = Path.of("src/main/dist/launcher.sh");

    @TempDir Path home;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "niso, activate web 1.0.0, false",
        "niso, status --json, false",
        "niso, --version, false",
        "niso, pack . --output out, true",
        "niso, install BIG, true",
        "niso, install SMALL, false",
        "niso, verify BIG, true",
        "niso, verify SMALL, false",
        "niso, activate web --from BIG --wait, true",
        "niso, activate web --from=BIG, true",
        "niso, activate web --from SMALL --wait --json, false",
        "niso, activate web --from=SMALL, false",
        "niso, install missing.niso, false",
        "niso-fleet, status, false",
        "niso-fleet, deploy prod --yes, false",
        "niso-fleet, plan prod --plan BIG, false",
    })
    void digestCompiledByC2OnlyWhenTheRunHashesPackages(String name, String args, boolean hashes) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/jit-directives.json"), "[]");
        Files.writeString(home.resolve("lib/app.jar"), "");
        Path launcher = home.resolve("bin").resolve(name);
        Files.writeString(launcher, Files.readString(TEMPLATE).replace("@NAME@", name)
                .replace("@MAIN_CLASS@", "example.Main").replace("@GC@", "-XX:+UseG1GC"));
        Path java = home.resolve("fake-java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        for (Path p : List.of(launcher, java)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path small = home.resolve("small.niso");
        Files.write(small, new byte[1024]);
        Path big = home.resolve("big.niso");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(5L << 20);
        }
        List<String> argv = new ArrayList<>(List.of("sh", launcher.toString()));
        argv.addAll(List.of(args.replace("SMALL", small.toString()).replace("BIG", big.toString()).split(" ")));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("NISO_JAVA", java.toString());
        pb.environment().put("NISO_CDS", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        List<String> jvmArgs = out.lines().takeWhile(l -> !l.equals("example.Main")).toList();
        assertThat(out.lines().toList()).as(out).contains("example.Main");
        if (hashes) {
            assertThat(jvmArgs).contains("-XX:CompilerDirectivesFile=" + home.resolve("lib/jit-directives.json"))
                    .doesNotContain("-XX:TieredStopAtLevel=1");
        } else {
            assertThat(jvmArgs).contains("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=5")
                    .noneMatch(a -> a.startsWith("-XX:CompilerDirectivesFile"));
        }
    }
}
