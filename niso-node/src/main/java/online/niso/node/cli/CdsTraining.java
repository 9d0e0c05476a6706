package online.niso.node.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import online.niso.common.pkg.PackageExtractor;

/**
 * Build-time only: runs keygen → pack (signed) → verify → install → list on a tiny tree in one JVM,
 * so that {@code -XX:ArchiveClassesAtExit} records every class those commands load into the
 * AppCDS archive the launcher uses (lib/niso.jsa). Exits non-zero if any step fails, and the build
 * then simply ships no archive: the CLI works the same without it, only starts slower.
 */
public final class CdsTraining {

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("niso-cds-");
        int code;
        try {
            code = train(work);
        } finally {
            PackageExtractor.deleteTree(work); // before exit: System.exit would skip a finally around it
        }
        System.exit(code);
    }

    static int train(Path work) throws IOException {
        Path project = Files.createDirectories(work.resolve("app"));
        Files.writeString(project.resolve("manifest.toml"), "[package]\nname = \"cds-train\"\nversion = \"1.0.0\"\n\n"
                + "[binary]\nentrypoint = \"app\"\n", StandardCharsets.UTF_8);
        Files.createDirectories(project.resolve("lib/sub"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(project.resolve("lib/sub/f" + i + ".js"), "module.exports = " + i + ";\n");
        }
        Files.createSymbolicLink(project.resolve("lib/link.js"), Path.of("sub/f1.js"));
        Path keys = work.resolve("keys");
        Path out = work.resolve("out");
        Path root = work.resolve("root");
        NodeEnvironment env = new NodeEnvironment(sink(), sink(), Map.of(), Clock.systemUTC(), false);
        String niso = out.resolve("cds-train-1.0.0-" + online.niso.node.pkg.PackService.archOf(
                System.getProperty("os.arch")) + ".niso").toString();
        String[][] steps = {
            {"keygen", "--output", keys.toString()},
            {"pack", project.toString(), "--sign", keys.resolve("niso-signing.key").toString(), "--output",
                out.toString()},
            {"pack", project.toString(), "--output", work.resolve("out2").toString(), "--json"},
            {"verify", niso, "--key", keys.resolve("niso-signing.pub").toString()},
            {"install", niso, "--root", root.toString(), "--verify-key", keys.resolve("niso-signing.pub").toString()},
            {"install", niso, "--root", root.toString(), "--verify-key", keys.resolve("niso-signing.pub").toString(),
                "--json"},
            {"list", "--root", root.toString()},
        };
        for (String[] step : steps) {
            int code = NodeMain.run(env, step);
            if (code != 0) {
                System.err.println("cds training: niso " + String.join(" ", step) + " exited " + code);
                return code;
            }
        }
        return 0;
    }

    private static PrintWriter sink() {
        return new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
