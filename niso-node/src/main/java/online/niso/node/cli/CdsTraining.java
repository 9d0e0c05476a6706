package online.niso.node.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.common.cmd.ProcessRunner;
import online.niso.common.pkg.PackageExtractor;
import online.niso.node.activate.HostServices;

/**
 * Build-time only: runs keygen → pack (signed) → verify → install → list → render → activate → status →
 * history → rollback on a tiny tree in one JVM (activation against a runner that runs no systemctl, ip or
 * nft), so that {@code -XX:DumpLoadedClassList} records every class those commands load for the CDS
 * archive the launcher uses (lib/niso.jsa, see make-cds.sh). Exits non-zero if any step fails, and the build
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
        try (HealthEndpoint health = HealthEndpoint.start()) {
            return train(work, health);
        }
    }

    static int train(Path work, HealthEndpoint health) throws IOException {
        String healthUrl = health.url();
        Path project = Files.createDirectories(work.resolve("app"));
        // What a typical service declares, so that activation loads the classes real ones need. Its health
        // check answers (HealthEndpoint), so the runs that probe it load what a real probe does.
        Files.writeString(project.resolve("manifest.toml"), "[package]\nname = \"cds-train\"\nversion = \"1.0.0\"\n\n"
                + "[binary]\nentrypoint = \"app\"\n\n[environment]\nPORT = \"8080\"\n\n"
                + "[healthcheck]\nhttp = \"" + healthUrl + "\"\ninterval = \"2s\"\ntimeout = \"1s\"\n\n"
                + "[network]\nports = [\"8080:8080\"]\n\n[isolation.resources]\nmemory_max = \"256M\"\n",
                StandardCharsets.UTF_8);
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
        Path project2 = Files.createDirectories(work.resolve("app2"));
        Files.writeString(project2.resolve("manifest.toml"), Files.readString(project.resolve("manifest.toml"))
                .replace("version = \"1.0.0\"", "version = \"2.0.0\""));
        String niso2 = out.resolve("cds-train-2.0.0-" + online.niso.node.pkg.PackService.archOf(
                System.getProperty("os.arch")) + ".niso").toString();
        Path stack = work.resolve("stack.toml");
        Files.writeString(stack, "[stack]\nname = \"cds\"\n\n[[service]]\nname = \"cds-train\"\n"
                + "package = \"cds-train:2.0.0\"\n", StandardCharsets.UTF_8);
        String[][] steps = {
            {"keygen", "--output", keys.toString()},
            {"pack", project.toString(), "--sign", keys.resolve("niso-signing.key").toString(), "--output",
                out.toString()},
            {"pack", project.toString(), "--output", work.resolve("out2").toString(), "--json"},
            {"pack", project2.toString(), "--output", out.toString()},
            {"verify", niso, "--key", keys.resolve("niso-signing.pub").toString()},
            {"install", niso, "--root", root.toString(), "--verify-key", keys.resolve("niso-signing.pub").toString()},
            {"install", niso, "--root", root.toString(), "--verify-key", keys.resolve("niso-signing.pub").toString(),
                "--json"},
            {"list", "--root", root.toString()},
            {"render", "cds-train", "--root", root.toString()},
            {"activate", "cds-train", "--root", root.toString()},
            {"activate", "cds-train", "2.0.0", "--root", root.toString(), "--from", niso2, "--json"},
            {"status", "--root", root.toString()},
            {"status", "cds-train", "--root", root.toString(), "--json"},
            {"history", "cds-train", "--root", root.toString()},
            {"rollback", "cds-train", "--root", root.toString()},
            // What niso-fleet sends each host: a new package, the stack file, wait for health, hold.
            {"remove", "cds-train", "2.0.0", "--root", root.toString()},
            {"activate", "cds-train", "2.0.0", "--package", "cds-train", "--stack", stack.toString(), "--from", niso2,
                "--wait", "--timeout", "20s", "--hold", "200ms", "--json", "--root", root.toString()},
            {"status", "--json", "--cached", "--root", root.toString()},
            // Through picocli's model (help, and whatever FastArgs leaves to it), so its classes are archived too.
            {"--help"},
            {"status", "--help"},
        };
        // Activation's systemctl/ip/nft calls go through a runner that runs `true` instead: the classes that
        // start processes and parse their results load, and nothing on the build machine changes.
        NodeEnvironment activation = new NodeEnvironment(env.out(), env.err(), env.env(), env.clock(), false,
                HostServices.over(env.clock(), new NothingRunner()));
        for (String[] step : steps) {
            // The hot commands must be bound by FastArgs here, or its classes (and theirs) miss the archive.
            if (HOT.contains(step[0]) && !List.of(step).contains("--help") && !bindsFast(step)) {
                System.err.println("cds training: niso " + String.join(" ", step) + " was not bound by FastArgs");
                return 1;
            }
            int code = NodeMain.run(NO_UNITS.contains(step[0]) ? env : activation, step);
            if (code != 0) {
                System.err.println("cds training: niso " + String.join(" ", step) + " exited " + code);
                return code;
            }
        }
        return 0;
    }

    /** The steps that start no process (the others run with activation's process runner stubbed out). */
    private static final java.util.Set<String> NO_UNITS = java.util.Set.of("keygen", "pack", "verify", "install",
            "remove");

    /** What fleets and units run on every host, per version switch. */
    private static final java.util.Set<String> HOT = java.util.Set.of("activate", "status", "rollback");

    /** Whether {@code niso step} is bound without picocli's model. */
    static boolean bindsFast(String[] step) {
        NodeEnvironment env = new NodeEnvironment(sink(), sink(), Map.of(), Clock.systemUTC(), false);
        return FastArgs.bind(CommandIndex.load(), new NodeMain.EnvironmentFactory(env), step).isPresent();
    }

    /**
     * Runs {@code true} for every command and reports success with no output, except that {@code systemctl show}
     * describes every unit as running (so that the health checks are probed).
     */
    private static final class NothingRunner implements ProcessRunner {
        private final LocalProcessRunner local = new LocalProcessRunner();

        @Override
        public CmdResult run(Cmd cmd, byte[] stdin, Duration timeout) {
            CmdResult r = local.run(Cmd.of("true"), stdin, timeout);
            return new CmdResult(cmd, r.exitCode(), running(cmd.argv()), "");
        }

        /** What {@code systemctl show -p P... -- UNIT...} prints for running units; "" for other commands. */
        static String running(List<String> argv) {
            if (argv.size() < 2 || !argv.get(0).equals("systemctl") || !argv.get(1).equals("show")) {
                return "";
            }
            Map<String, String> values = Map.of("ActiveState", "active", "SubState", "running", "MainPID", "4242",
                    "UnitFileState", "enabled", "Result", "success");
            StringBuilder block = new StringBuilder();
            for (int i = 2; i + 1 < argv.size() && argv.get(i).equals("-p"); i += 2) {
                String value = values.get(argv.get(i + 1));
                if (value != null) {
                    block.append(argv.get(i + 1)).append('=').append(value).append('\n');
                }
            }
            int units = argv.size() - argv.indexOf("--") - 1;
            return String.join("\n", java.util.Collections.nCopies(units, block.toString()));
        }
    }

    private static PrintWriter sink() {
        return new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
