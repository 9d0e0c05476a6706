package online.niso.fleet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.pkg.PackRequest;
import online.niso.common.pkg.PackSource;
import online.niso.common.pkg.PackageExtractor;
import online.niso.common.pkg.PackageWriter;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Build-time only: one `niso-fleet plan` and one `niso-fleet status` against an SSH server on loopback in this
 * JVM (answering `niso status --json` with a canned document), so that {@code -XX:DumpLoadedClassList} records
 * the classes a real run loads — picocli, TOML, package verification, MINA's client with its key exchange,
 * host-key check and public-key authentication, the planner — for the CDS archive the launcher uses
 * (lib/niso-fleet.jsa, see niso-node's make-cds.sh). Exits non-zero if a step fails; the build then ships no
 * archive and niso-fleet only starts slower. Traffic: 127.0.0.1 only.
 */
public final class FleetCdsTraining {
    private FleetCdsTraining() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("niso-fleet-cds-");
        int code;
        try {
            code = train(work);
        } finally {
            PackageExtractor.deleteTree(work);
        }
        System.exit(code);
    }

    static int train(Path work) throws Exception {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair userKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path id = work.resolve("id_ed25519");
        try (OutputStream o = Files.newOutputStream(id)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "training", null, o);
        }
        Path packages = Files.createDirectories(work.resolve("packages"));
        Path project = Files.createDirectories(work.resolve("src"));
        Files.writeString(project.resolve("manifest.toml"),
                "[package]\nname = \"hello-api\"\nversion = \"1.0.0\"\n\n[binary]\nentrypoint = \"app.sh\"\n");
        Files.writeString(project.resolve("app.sh"), "#!/bin/sh\necho hi\n");
        PackSource.Result src = PackSource.collect(project, List.of(), Optional.empty());
        String digest = new PackageWriter(1).write(new PackRequest("hello-api", "1.0.0", "x86_64", src.manifest(),
                src.entries(), Optional.empty(), PackRequest.DEFAULT_MTIME, packages)).digest();
        String status = "{\"host\":\"t1\",\"niso_version\":\"0\",\"packages\":[{\"digest\":\"" + digest
                + "\",\"name\":\"hello-api\",\"version\":\"1.0.0\"}],\"schema\":1,\"services\":[{\"active_state\":"
                + "\"active\",\"definition\":null,\"digest\":\"" + digest + "\",\"health\":\"healthy\",\"name\":\"api\","
                + "\"package\":\"hello-api\",\"previous\":null,\"since\":null,\"sub_state\":\"running\","
                + "\"unit\":\"niso-api.service\",\"version\":\"1.0.0\"}]}\n";

        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, userKey.getPublic()));
        server.setCommandFactory((channel, command) -> new Canned(command.contains("niso status") ? status : ""));
        server.start();
        try {
            int port = server.getPort();
            Files.writeString(work.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                    + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
            Files.writeString(work.resolve("stack.toml"), "[stack]\nname = \"t\"\n\n[[service]]\nname = \"api\"\n"
                    + "package = \"hello-api:1.0.0\"\n");
            Files.writeString(work.resolve("fleet.toml"), "[fleet]\nname = \"t\"\nstack = \"stack.toml\"\n\n[ssh]\n"
                    + "identity_files = [\"" + id + "\"]\nknown_hosts = \"" + work.resolve("known_hosts") + "\"\n\n"
                    + "[environments.prod]\n\n[[environments.prod.host]]\nname = \"t1\"\naddress = \"ssh://root@127.0.0.1:"
                    + port + "\"\n");
            for (List<String> argv : List.of(List.of("plan", "prod", "--json"), List.of("plan", "prod"),
                    List.of("status", "prod"))) {
                int code = run(work, argv);
                if (code != 0) {
                    System.err.println("training run failed: niso-fleet " + String.join(" ", argv) + " → " + code);
                    return code;
                }
            }
            return 0;
        } finally {
            server.stop(true);
        }
    }

    private static int run(Path work, List<String> argv) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", work.toString());
        String[] args = new String[argv.size() + 2];
        argv.toArray(args);
        args[argv.size()] = "-f";
        args[argv.size() + 1] = work.resolve("fleet.toml").toString();
        int code = FleetMain.run(FleetEnvironment.system(new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader("")), env, false), args);
        if (code != 0) {
            System.err.print(out);
            System.err.print(err);
        }
        return code;
    }

    /** `niso status --json` (or nothing) and exit 0, as a host would answer. */
    private static final class Canned implements Command {
        private final String text;
        private OutputStream out;
        private ExitCallback exit;

        Canned(String text) {
            this.text = text;
        }

        @Override
        public void setInputStream(InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream o) {
            this.out = o;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            exit.onExit(0);
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
