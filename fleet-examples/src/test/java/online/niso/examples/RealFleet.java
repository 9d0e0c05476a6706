package online.niso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import online.niso.common.json.Json;
import online.niso.fleet.cli.FleetEnvironment;
import online.niso.fleet.cli.FleetMain;
import online.niso.testinfra.hosts.TestFleet;
import online.niso.testinfra.hosts.TestHost;

/**
 * A fleet directory (fleet.toml, stack.toml, signed hello-api packages) over real test hosts, and the two ways
 * to run niso-fleet against it: in process ({@link #run}) or as the built distribution's process
 * ({@link #start}, for signals). The stack's service is {@value #SVC}, running package {@value #PKG}.
 */
final class RealFleet {
    static final String SVC = "api";
    static final String PKG = "hello-api";
    static final Path MODULE = Path.of(System.getProperty("user.dir"));

    final Path work;
    final Path dir;
    final Path dist;
    final TestFleet fleet;
    String out = "";
    String err = "";

    RealFleet(Path work, TestFleet fleet) throws IOException {
        this.work = work;
        this.fleet = fleet;
        this.dist = FleetRealHostsTest.locateDist();
        this.dir = work.resolve("fleet");
        Files.createDirectories(dir.resolve("packages"));
        local(dist.resolve("bin/niso").toString(), "keygen", "--output", work.resolve("keys").toString());
    }

    /** niso-fleet/target/dist: the controller as `mvn package` leaves it. */
    static Path fleetDist() {
        for (Path p : List.of(MODULE.resolve("../niso-fleet/target/dist"), MODULE.resolve("niso-fleet/target/dist"))) {
            if (Files.isExecutable(p.resolve("bin/niso-fleet"))) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("niso-fleet's distribution is not built: run `mvn package`");
    }

    /** Installs niso everywhere, trusts the signing key, registers the python runtime. */
    void bootstrap() {
        assertThat(run("bootstrap", "prod", "--dist", dist.toString())).as(out + err).isZero();
        for (TestHost h : fleet.hosts()) {
            h.exec("mkdir", "-p", "/etc/niso/trusted-keys").orThrow();
            h.copyIn(work.resolve("keys/niso-signing.pub"), "/etc/niso/trusted-keys/e2e.pub");
            h.exec(Duration.ofMinutes(2), "niso", "runtime", "add", "python3:3.11", "--from", "/usr/bin/python3").orThrow();
        }
    }

    void pack(String version, String extraEnvironment) throws IOException {
        Path src = work.resolve("src-" + version);
        Files.createDirectories(src);
        Path app = MODULE.resolve("apps/hello-api");
        Files.copy(app.resolve("app.py"), src.resolve("app.py"));
        String manifest = Files.readString(app.resolve("manifest.toml"))
                .replaceFirst("(?m)^version = .*$", "version = \"" + version + "\"")
                .replace("GREETING = \"hello from niso\"",
                        "GREETING = \"hello from niso\"\nAPP_VERSION = \"" + version + "\"\n" + extraEnvironment)
                .replaceFirst("(?m)^start_period = .*$", "start_period = \"2s\"");
        if (extraEnvironment.contains("PORT")) {
            manifest = manifest.replaceFirst("(?m)^PORT = \"8080\"\n", "");
        }
        Files.writeString(src.resolve("manifest.toml"), manifest);
        local(dist.resolve("bin/niso").toString(), "pack", src.toString(), "--sign",
                work.resolve("keys/niso-signing.key").toString(), "--output", dir.resolve("packages").toString());
    }

    void writeFleet(String extraDeploy) throws IOException {
        StringBuilder sb = new StringBuilder("[fleet]\nname = \"e2e\"\nstack = \"stack.toml\"\n\n[ssh]\n")
                .append("identity_files = [\"").append(fleet.privateKey()).append("\"]\n")
                .append("known_hosts = \"").append(fleet.knownHostsFile()).append("\"\n")
                .append("connect_timeout = \"10s\"\n\n")
                .append("[deploy]\nstrategy = \"rolling\"\nmax_parallel = 2\nmin_healthy_time = \"1s\"\n")
                .append("healthy_deadline = \"30s\"\nprogress_deadline = \"5m\"\n").append(extraDeploy)
                .append("\n[environments.prod]\n\n");
        for (TestHost h : fleet.hosts()) {
            sb.append("[[environments.prod.host]]\nname = \"").append(h.name()).append("\"\naddress = \"ssh://")
                    .append(h.user()).append('@').append(h.ip()).append(':').append(h.sshPort())
                    .append("\"\nlabels = { role = \"web\" }\n\n");
        }
        Files.writeString(dir.resolve("fleet.toml"), sb.toString());
    }

    void writeStack(String version) {
        try {
            Files.writeString(dir.resolve("stack.toml"), "[stack]\nname = \"e2e\"\n\n[[service]]\nname = \"" + SVC
                    + "\"\npackage = \"" + PKG + ":" + version + "\"\nports = [\"8080:8080\"]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", work.resolve("home").toString());
        env.put("XDG_STATE_HOME", work.resolve("state").toString());
        return env;
    }

    /** niso-fleet in this JVM (real MINA SSH), output in {@link #out}/{@link #err}. */
    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = FleetMain.run(FleetEnvironment.system(new PrintWriter(o, true), new PrintWriter(e, true),
                new BufferedReader(new StringReader("")), env(), false), withFile(args));
        out = o.toString();
        err = e.toString();
        System.out.println("$ niso-fleet " + String.join(" ", args) + "  → exit " + code + "\n" + out + err);
        return code;
    }

    /** The built niso-fleet as its own process (stderr merged into stdout), for signals and real concurrency. */
    Process start(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(fleetDist().resolve("bin/niso-fleet").toString()));
        argv.addAll(List.of(withFile(args)));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env());
        System.out.println("$ " + String.join(" ", argv) + " &");
        return pb.start();
    }

    private String[] withFile(String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "-f";
        full[args.length + 1] = dir.resolve("fleet.toml").toString();
        return full;
    }

    /** Every host reachable, running {@value #SVC} at {@code version} from package {@value #PKG}, healthy. */
    void assertEverywhere(String version) throws IOException {
        assertThat(run("status", "prod", "--json")).as(out + err).isZero();
        JsonNode doc = Json.mapper().readTree(out);
        assertThat(doc.get("hosts")).hasSize(fleet.hosts().size());
        for (JsonNode h : doc.get("hosts")) {
            assertThat(h.get("reachable").asBoolean()).as(h.toString()).isTrue();
            JsonNode s = h.get("services").get(0);
            assertThat(s.get("name").asText()).isEqualTo(SVC);
            assertThat(s.get("package").asText()).isEqualTo(PKG);
            assertThat(s.get("version").asText()).as(h.toString()).isEqualTo(version);
            assertThat(s.get("health").asText()).as(h.toString()).isEqualTo("healthy");
        }
    }

    String versionOn(TestHost h) throws IOException {
        JsonNode doc = Json.mapper().readTree(h.exec("niso", "status", SVC, "--json").orThrow().stdout());
        JsonNode svc = doc.has("services") ? doc.get("services").get(0) : doc;
        return svc.get("version").asText();
    }

    static void local(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String o = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
