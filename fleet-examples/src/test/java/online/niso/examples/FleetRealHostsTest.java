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
import online.niso.common.json.Json;
import online.niso.fleet.cli.FleetEnvironment;
import online.niso.fleet.cli.FleetMain;
import online.niso.testinfra.hosts.TestFleet;
import online.niso.testinfra.hosts.TestHost;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's acceptance: niso-fleet (in process, real MINA SSH) against the real niso distribution on five real
 * systemd test hosts, booted once for the class. The tests run in order and build on each other's fleet state,
 * like an operator's day: bootstrap → rolling v1 → canary v1.1 → all-at-once v2 → config-only change → broken v3
 * reverted (with v2's own definition) → lock →
 * unreachable host → host keys.
 *
 * <p>The distribution is {@code niso-node/target/dist} as {@code mvn package} leaves it; fleet-examples depends
 * on niso-node so that in {@code mvn verify} that package step runs before these tests.
 */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "ssh", "ssh-keygen", "tar"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetRealHostsTest {
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    /** The stack names the service; it runs package hello-api (a service is not named after its package). */
    private static final String SVC = "api";
    /** In the stack's environment for the service: must reach the app, never a command line or a log. */
    private static final String SECRET = "s3cret-" + Long.toHexString(System.nanoTime());

    @TempDir static Path work;
    private static TestFleet fleet;
    private static Path dir;
    private static Path dist;

    private String out;
    private String err;

    @BeforeAll
    static void boot() throws Exception {
        dist = locateDist();
        fleet = TestFleet.start(5);
        dir = work.resolve("fleet");
        Files.createDirectories(dir.resolve("packages"));
        Path niso = dist.resolve("bin/niso");
        RealFleet.local(niso.toString(), "keygen", "--output", work.resolve("keys").toString());
        pack("1.0.0", "");
        pack("1.1.0", "");
        pack("2.0.0", "");
        // 3.0.0 reads a host-local env file; only th3's sets PORT=8081, so only th3's health check (8080) fails.
        pack("3.0.0", "env_file = \"/etc/niso/hello-api/.env\"\n");
        writeFleet(fleet.knownHostsFile(), "");
        writeStack("1.0.0");
    }

    @AfterAll
    static void shutdown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** niso-node/target/dist, from the module directory (mvn) or the repository root (IDE). */
    static Path locateDist() {
        for (Path p : List.of(MODULE.resolve("../niso-node/target/dist"), MODULE.resolve("niso-node/target/dist"))) {
            if (Files.isExecutable(p.resolve("bin/niso"))) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("niso's distribution is not built: run `mvn package` (or `mvn verify`), "
                + "which leaves it in niso-node/target/dist");
    }

    @Test
    @Order(1)
    void bootstrapInstallsTheRealDistributionEverywhere() {
        assertThat(run("bootstrap", "prod", "--dist", dist.toString())).as(out + err).isZero();
        String version = fleet.host(1).exec("niso", "--version").orThrow().stdout();
        assertThat(version).startsWith("niso ");
        for (TestHost h : fleet.hosts()) {
            assertThat(h.exec("niso", "--version").orThrow().stdout()).isEqualTo(version);
            h.exec("mkdir", "-p", "/etc/niso/trusted-keys", "/etc/niso/hello-api").orThrow();
            h.copyIn(work.resolve("keys/niso-signing.pub"), "/etc/niso/trusted-keys/e2e.pub");
            h.exec("sh", "-c", "echo '" + (h.name().equals("th3") ? "PORT=8081" : "# nothing to override")
                    + "' > /etc/niso/hello-api/.env").orThrow();
            h.exec(Duration.ofMinutes(2), "niso", "runtime", "add", "python3:3.11", "--from", "/usr/bin/python3")
                    .orThrow();
        }
        // Same version again: nothing to do.
        assertThat(run("bootstrap", "prod", "--dist", dist.toString())).as(out + err).isZero();
        assertThat(out).contains("already installed");
    }

    @Test
    @Order(2)
    void rollingDeployConvergesOnAllFiveHosts() throws Exception {
        writeStack("1.0.0");
        assertThat(run("deploy", "prod", "--yes", "--message", "v1")).as(out + err).isZero();
        assertEverywhere("1.0.0");
        for (TestHost h : fleet.hosts()) {
            // The stack's environment override reached the service: hosts took its definition from the stack file.
            assertThat(h.exec("curl", "-fsS", "http://127.0.0.1:8080/").orThrow().stdout()).contains("hello from the stack");
            String stacks = h.exec("sh", "-c", "stat -c '%a %n' /var/lib/niso/incoming/stack-*.toml").orThrow().stdout();
            assertThat(stacks.strip().lines()).allMatch(l -> l.startsWith("600 "));
            // The secret travels in that root-only file only: not in any process's command line, not in the journal.
            assertThat(h.exec("sh", "-c", "cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' '").stdout()).doesNotContain(SECRET);
            assertThat(h.exec("journalctl", "--no-pager", "-q").stdout()).doesNotContain(SECRET);
        }
        assertThat(out + err).doesNotContain(SECRET);
        // Converged: a rerun skips every host.
        assertThat(run("plan", "prod")).as(out + err).isZero();
        assertThat(out.split("already at digest", -1)).hasSize(6);
    }

    @Test
    @Order(3)
    void canaryDeploysTheCanaryFirstThenPromotes() throws Exception {
        writeStack("1.1.0");
        assertThat(run("deploy", "prod", "--json", "--strategy", "canary")).as(out + err).isZero();
        List<JsonNode> waves = events("wave_started");
        assertThat(waves).hasSizeGreaterThanOrEqualTo(2);
        assertThat(waves.get(0).get("kind").asText()).isEqualTo("canary");
        assertThat(waves.get(0).get("hosts")).hasSize(2); // canary default 25% of 5, rounded up
        // Promotion only after the canaries converged: their host_converged events come before wave 2.
        List<String> order = new ArrayList<>();
        for (JsonNode e : jsonLines()) {
            order.add(e.get("event").asText() + ":" + e.path("host").asText(e.path("wave").asText()));
        }
        String firstCanary = waves.get(0).get("hosts").get(0).asText();
        String secondWave = "wave_started:" + waves.get(1).get("wave").asText();
        assertThat(order).contains("host_converged:" + firstCanary, secondWave);
        assertThat(order.indexOf("host_converged:" + firstCanary)).isLessThan(order.indexOf(secondWave));
        for (JsonNode canary : waves.get(0).get("hosts")) {
            assertThat(waves.get(1).get("hosts").toString()).doesNotContain("\"" + canary.asText() + "\"");
        }
        assertEverywhere("1.1.0");
    }

    @Test
    @Order(4)
    void allAtOnceSwitchesEveryHostInOneWave() throws Exception {
        writeStack("2.0.0");
        assertThat(run("deploy", "prod", "--json", "--strategy", "all-at-once")).as(out + err).isZero();
        List<JsonNode> waves = events("wave_started");
        assertThat(waves).hasSize(1);
        assertThat(waves.get(0).get("hosts")).hasSize(5);
        assertEverywhere("2.0.0");
    }

    /** Issue 7 gap: only the stack's environment changes (same package): the plan sees it and deploy applies it. */
    @Test
    @Order(5)
    void aConfigOnlyChangeIsPlannedAndDeployed() throws Exception {
        writeStack("2.0.0", "hello again");
        assertThat(run("plan", "prod", "--json")).as(out + err).isZero();
        assertThat(out).contains("config changed: environment values (keys DB_PASSWORD, GREETING)")
                .doesNotContain("already at digest").doesNotContain(SECRET).doesNotContain("hello again");
        assertThat(run("deploy", "prod", "--yes", "--strategy", "all-at-once")).as(out + err).isZero();
        for (TestHost h : fleet.hosts()) {
            assertThat(h.exec("curl", "-fsS", "http://127.0.0.1:8080/").orThrow().stdout()).contains("hello again");
        }
        assertEverywhere("2.0.0");
        assertThat(run("plan", "prod")).as(out + err).isZero();
        assertThat(out.split("already at digest", -1)).hasSize(6);
    }

    @Test
    @Order(6)
    void healthFailingOnHostThreeRevertsHostsOneToThreeAndNeverTouchesFourAndFive() throws Exception {
        writeStack("3.0.0", "hello from v3");
        int code = run("deploy", "prod", "--yes", "--max-parallel", "1");
        assertThat(code).as(out + err).isEqualTo(1);
        // The failed host is named with its journal tail (the unit's own log lines) — of 3.0.0's runs only.
        assertThat(out).contains("th3").contains("journal tail").contains("niso-" + SVC + ".service")
                .contains("[th3] ✗").contains(SVC + " 3.0.0 rolled_back: ");
        String tail = section(out, "journal tail");
        assertThat(tail).as(out).contains("hello-api 3.0.0 listening on :8081").doesNotContain("hello-api 2.0.0")
                .doesNotContain("Stopping")
                .doesNotContain("hello-api 1.");
        assertThat(out).contains("[th1] ↩ reverted").contains("[th2] ↩ reverted");
        assertThat(out).doesNotContain("[th4]").doesNotContain("[th5]");
        assertEverywhere("2.0.0");
        // Reverted with 2.0.0's own definition (the host's rollback), not 3.0.0's stack entry.
        for (TestHost h : fleet.hosts()) {
            assertThat(h.exec("curl", "-fsS", "http://127.0.0.1:8080/").orThrow().stdout()).as(h.name())
                    .contains("hello again").doesNotContain("hello from v3");
        }
        for (String h : List.of("th4", "th5")) {
            // Never touched: 3.0.0 was never even uploaded there.
            assertThat(fleet.host(h).exec("sh", "-c", "ls /var/lib/niso/incoming").stdout()).doesNotContain("3.0.0");
        }
        assertThat(fleet.host("th3").exec("sh", "-c", "ls /var/lib/niso/incoming").stdout()).contains("3.0.0");
    }

    @Test
    @Order(7)
    void aSecondDeployIsRefusedByTheLock() throws Exception {
        writeStack("1.0.0");
        assertThat(run("lock", "acquire", "prod", "--message", "db maintenance")).as(out + err).isZero();
        try {
            assertThat(run("deploy", "prod", "--yes")).as(out + err).isEqualTo(3);
            assertThat(out + err).contains("db maintenance");
        } finally {
            assertThat(run("lock", "release", "prod")).as(out + err).isZero();
        }
        assertEverywhere("2.0.0");
    }

    @Test
    @Order(8)
    void aHostWithoutSshdIsReportedUnreachableAndARerunConverges() throws Exception {
        writeStack("1.0.0");
        TestHost th5 = fleet.host("th5");
        th5.stopSshd();
        try {
            // Default policy: abort, nothing changes anywhere.
            assertThat(run("deploy", "prod", "--yes")).as(out + err).isEqualTo(1);
            assertThat(out + err).contains("th5").containsIgnoringCase("unreachable");
            for (int i = 1; i <= 4; i++) {
                assertThat(versionOn(fleet.host(i))).isEqualTo("2.0.0");
            }
            // continue: the reachable four converge, th5 is reported, exit 1.
            assertThat(run("deploy", "prod", "--yes", "--max-parallel", "2", "--on-unreachable", "continue"))
                    .as(out + err).isEqualTo(1);
            assertThat(out).contains("th5");
            for (int i = 1; i <= 4; i++) {
                assertThat(versionOn(fleet.host(i))).isEqualTo("1.0.0");
            }
        } finally {
            th5.exec("systemctl", "start", "ssh.service").orThrow();
        }
        assertThat(run("deploy", "prod", "--yes")).as(out + err).isZero();
        assertEverywhere("1.0.0");
    }

    @Test
    @Order(9)
    void unknownAndChangedHostKeysAreRefused() throws Exception {
        List<String> lines = Files.readAllLines(fleet.knownHostsFile());
        TestHost th2 = fleet.host("th2");
        String th2Line = th2.knownHostsLine().strip();
        // Unknown: th2's key is missing from known_hosts.
        Path unknown = work.resolve("known_hosts.unknown");
        Files.write(unknown, lines.stream().filter(l -> !l.strip().equals(th2Line)).toList());
        assertThat(Files.readString(unknown)).doesNotContain(th2Line);
        writeFleet(unknown, "");
        assertThat(run("status", "prod")).as(out + err).isEqualTo(1); // a host it cannot see: not "all fine"
        assertThat(err).startsWith("1 of 5 hosts unreachable: th2 (host key refused");
        assertThat(out).contains("host key refused").contains("is not in " + unknown).contains("SHA256:");
        // deploy (on-unreachable abort): refused, nothing changes.
        writeStack("2.0.0");
        assertThat(run("deploy", "prod", "--yes")).as(out + err).isEqualTo(1);
        assertThat(out + err).contains("th2").contains("host key refused");
        assertThat(versionOn(fleet.host(1))).isEqualTo("1.0.0");

        // Changed: th2's entry names another key.
        Path other = work.resolve("otherkey");
        RealFleet.local("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        String otherPub = Files.readString(work.resolve("otherkey.pub")).strip().split(" ")[0] + " "
                + Files.readString(work.resolve("otherkey.pub")).strip().split(" ")[1];
        String changedLine = th2Line.substring(0, th2Line.indexOf(' ')) + " " + otherPub;
        Path changed = work.resolve("known_hosts.changed");
        Files.write(changed, lines.stream().map(l -> l.strip().equals(th2Line) ? changedLine : l).toList());
        writeFleet(changed, "");
        assertThat(run("deploy", "prod", "--yes")).as(out + err).isNotZero();
        assertThat(out + err).contains("th2").contains("HOST KEY CHANGED");
        writeFleet(fleet.knownHostsFile(), "");
        assertEverywhere("1.0.0");
    }

    /**
     * docs/ci.md's workflow, as written: its YAML parses, it is scheduled, and its niso-fleet invocations (plan
     * --out, plan, deploy --plan --yes --json --lock-wait --message) run against this fleet, ending with the
     * summary line whose fields the workflow's jq reads.
     */
    @Test
    @Order(10)
    void ciWorkflowCommandsRunAsWritten() throws Exception {
        String doc = Files.readString(MODULE.resolve("../docs/ci.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("\n```\n", start));
        JsonNode wf = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
        assertThat(wf.at("/on/schedule/0/cron").asText().split(" ")).hasSize(5);
        List<List<String>> calls = new ArrayList<>();
        for (JsonNode step : wf.at("/jobs/rollout/steps")) {
            String script = step.path("run").asText("").replaceAll("\\\\\n\\s*", " ");
            for (String line : script.split("\n")) {
                int at = line.indexOf("bin/niso-fleet ");
                if (at >= 0) {
                    calls.add(ciArgs(line.substring(at + "bin/niso-fleet ".length())));
                }
            }
        }
        assertThat(calls).extracting(c -> c.get(0)).containsExactly("plan", "plan", "deploy");
        assertThat(calls.get(2)).contains("--plan", "--yes", "--json", "--lock-wait");

        writeStack("2.0.0");
        for (List<String> call : calls) {
            assertThat(run(call.toArray(String[]::new))).as(call + "\n" + out + err).isZero();
        }
        List<JsonNode> lines = jsonLines();
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("event").asText()).isEqualTo("summary");
        assertThat(summary.has("outcome")).isTrue();
        assertThat(summary.has("failed_host")).isTrue();
        assertThat(summary.get("failed_host").isNull()).isTrue();
        assertEverywhere("2.0.0");
    }

    /** The shell words of one niso-fleet call, up to a redirection; variables get this test's values. */
    private static List<String> ciArgs(String command) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(command);
        while (m.find()) {
            String w = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (m.group(3) != null && (w.startsWith(">") || w.startsWith(";") || w.equals("|"))) {
                break;
            }
            boolean last = m.group(3) != null && w.endsWith(";");
            w = last ? w.substring(0, w.length() - 1) : w;
            words.add(w.replace("$ENVIRONMENT", "prod").replace("${GITHUB_SHA::7}", "0123abc")
                    .replace("${GITHUB_RUN_ID}", "42").replace("plan.json", work.resolve("plan.json").toString()));
            if (last) {
                break;
            }
        }
        int f = words.indexOf("-f");
        assertThat(f).as("the workflow names its fleet.toml: " + command).isPositive();
        words.remove(f + 1);
        words.remove(f);
        return words;
    }

    // ---- helpers ----

    private void assertEverywhere(String version) throws Exception {
        assertThat(run("status", "prod", "--json")).as(out + err).isZero();
        JsonNode doc = Json.mapper().readTree(out);
        assertThat(doc.get("hosts")).hasSize(5);
        for (JsonNode h : doc.get("hosts")) {
            assertThat(h.get("reachable").asBoolean()).as(h.toString()).isTrue();
            JsonNode s = h.get("services").get(0);
            assertThat(s.get("name").asText()).isEqualTo(SVC);
            assertThat(s.get("version").asText()).as(h.toString()).isEqualTo(version);
            assertThat(s.get("health").asText()).as(h.toString()).isEqualTo("healthy");
        }
        assertThat(run("status", "prod")).isZero();
        System.out.println(out);
    }

    /** The indented lines under "  TITLE:" in a failure report. */
    private static String section(String text, String title) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (line.equals("  " + title + ":")) {
                in = true;
            } else if (in && line.startsWith("    ")) {
                sb.append(line.strip()).append('\n');
            } else if (in) {
                break;
            }
        }
        return sb.toString();
    }

    private String versionOn(TestHost h) throws IOException {
        JsonNode doc = Json.mapper().readTree(h.exec("niso", "status", SVC, "--json").orThrow().stdout());
        JsonNode svc = doc.has("services") ? doc.get("services").get(0) : doc;
        return svc.get("version").asText();
    }

    private List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                all.add(Json.mapper().readTree(line));
            }
        }
        return all;
    }

    private List<JsonNode> events(String name) throws IOException {
        return jsonLines().stream().filter(e -> e.path("event").asText().equals(name)).toList();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", work.resolve("home").toString());
        env.put("XDG_STATE_HOME", work.resolve("state").toString());
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "-f";
        full[args.length + 1] = dir.resolve("fleet.toml").toString();
        int code = FleetMain.run(FleetEnvironment.system(new PrintWriter(o, true), new PrintWriter(e, true),
                new BufferedReader(new StringReader("")), env, false), full);
        out = o.toString();
        err = e.toString();
        System.out.println("$ niso-fleet " + String.join(" ", args) + "  → exit " + code + "\n" + out + err);
        return code;
    }

    private static void pack(String version, String extraEnvironment) throws IOException {
        Path src = work.resolve("src-" + version);
        Files.createDirectories(src);
        Path app = MODULE.resolve("apps/hello-api");
        Files.copy(app.resolve("app.py"), src.resolve("app.py"));
        String manifest = Files.readString(app.resolve("manifest.toml"))
                .replaceFirst("(?m)^version = .*$", "version = \"" + version + "\"")
                .replace("GREETING = \"hello from niso\"",
                        "GREETING = \"hello from niso\"\nAPP_VERSION = \"" + version + "\"\n" + extraEnvironment)
                .replaceFirst("(?m)^start_period = .*$", "start_period = \"2s\"");
        Files.writeString(src.resolve("manifest.toml"), manifest);
        RealFleet.local(dist.resolve("bin/niso").toString(), "pack", src.toString(), "--sign",
                work.resolve("keys/niso-signing.key").toString(), "--output", dir.resolve("packages").toString());
    }

    private static void writeFleet(Path knownHosts, String extraDeploy) throws IOException {
        StringBuilder sb = new StringBuilder("[fleet]\nname = \"e2e\"\nstack = \"stack.toml\"\n\n[ssh]\n")
                .append("identity_files = [\"").append(fleet.privateKey()).append("\"]\n")
                .append("known_hosts = \"").append(knownHosts).append("\"\n")
                .append("connect_timeout = \"10s\"\n\n")
                .append("[deploy]\nstrategy = \"rolling\"\nmax_parallel = 2\nmin_healthy_time = \"1s\"\n")
                .append("healthy_deadline = \"60s\"\nprogress_deadline = \"5m\"\n").append(extraDeploy)
                .append("\n[environments.prod]\n\n");
        for (TestHost h : fleet.hosts()) {
            sb.append("[[environments.prod.host]]\nname = \"").append(h.name()).append("\"\naddress = \"ssh://")
                    .append(h.user()).append('@').append(h.ip()).append(':').append(h.sshPort())
                    .append("\"\nlabels = { role = \"web\" }\n\n");
        }
        Files.writeString(dir.resolve("fleet.toml"), sb.toString());
    }

    private static void writeStack(String version) {
        writeStack(version, "hello from the stack");
    }

    private static void writeStack(String version, String greeting) {
        try {
            Files.writeString(dir.resolve("stack.toml"), "[stack]\nname = \"e2e\"\n\n[[service]]\nname = \"" + SVC
                    + "\"\npackage = \"hello-api:" + version + "\"\nports = [\"8080:8080\"]\n\n[service.environment]\n"
                    + "GREETING = \"" + greeting + "\"\nDB_PASSWORD = \"" + SECRET + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
