package online.niso.node.activate;

import static online.niso.node.activate.NisoOnHost.niso;
import static online.niso.node.activate.NisoOnHost.sh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import online.niso.common.json.Json;
import online.niso.node.cli.NodeEnvironment;
import online.niso.node.cli.NodeMain;
import online.niso.testinfra.hosts.ExecResult;
import online.niso.testinfra.hosts.TestFleet;
import online.niso.testinfra.hosts.TestHost;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's acceptance on one real systemd test host (booted once for the class): a Python app, a Node app with
 * an npm dependency and a static binary each go pack → install → activate --wait → serve → v2 → rollback → v1;
 * an unhealthy version is rolled back automatically; the escape probes are all blocked under the default preset;
 * SIGKILLed niso runs leave a consistent, repairable host.
 */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "setsid", "flock", "ssh", "ssh-keygen", "gcc", "npm", "node"})
class ActivationRealHostTest {
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static TestFleet fleet;
    private static TestHost host;

    @TempDir static Path work;

    @BeforeAll
    static void boot() {
        fleet = TestFleet.start(1);
        host = fleet.host("th1");
        NisoOnHost.install(host, work);
    }

    @AfterAll
    static void shutdown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void pythonAppLifecycleAndAutomaticRollbackOfAnUnhealthyVersion() throws Exception {
        NisoOnHost.copyTree(host, MODULE.resolve("../fleet-examples/apps/hello-api").normalize(), "/srv/py");
        niso(host, "runtime", "add", "python3:3.11", "--from", "/usr/bin/python3").orThrow();
        packVersions("/srv/py", "hello-api", "PORT = \"8080\"");

        lifecycle("hello-api", "http://127.0.0.1:8080/", "\"version\": \"1.0.0\"", "\"version\": \"2.0.0\"");

        Map<String, String> limits = show("niso-hello-api.service", "MemoryMax", "CPUQuotaPerSecUSec");
        assertThat(limits).containsEntry("MemoryMax", "134217728").containsEntry("CPUQuotaPerSecUSec", "500ms");

        // 3.0.0 probes a port nothing listens on: activate --wait must restore 1.0.0 and exit 1 with diagnostics.
        sh(host, "cd /srv/py && sed -i 's/^version = .*/version = \"3.0.0\"/; s#8080/health#8081/health#;"
                + " s/^start_period = .*/start_period = \"1s\"/' manifest.toml && niso pack . --output /srv/out")
                .orThrow();
        ExecResult bad = niso(host, "activate", "hello-api", "--from", "/srv/out/hello-api-3.0.0-x86_64.niso",
                "--wait", "--json");
        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        JsonNode doc = Json.mapper().readTree(bad.stdout());
        assertThat(doc.get("outcome").asText()).isEqualTo("rolled_back");
        assertThat(doc.get("health").asText()).isEqualTo("unhealthy");
        assertThat(doc.at("/from/version").asText()).isEqualTo("1.0.0");
        assertThat(doc.at("/to/version").asText()).isEqualTo("3.0.0");
        assertThat(doc.at("/failure/probe_output").asText()).containsPattern("http://10\\.99\\.0\\.\\d+:8081/health"); // its own address
        assertThat(doc.at("/failure/unit_status").asText()).contains("niso-hello-api.service");
        assertThat(doc.at("/failure/journal_tail").asText()).contains("niso-hello-api.service");
        assertThat(get("http://127.0.0.1:8080/")).contains("\"version\": \"1.0.0\"");
        assertThat(statusOf("hello-api").get("version").asText()).isEqualTo("1.0.0");
    }

    @Test
    void nodeAppWithAnNpmDependencyRunsUnderTheDefaultPreset() throws Exception {
        Path src = work.resolve("node-web");
        NisoOnHost.run(List.of("cp", "-a", MODULE.resolve("src/test/resources/apps/node-web") + "/.", src + "/"), src);
        NisoOnHost.run(List.of("npm", "install", "--prefix", src.toString(), "--no-audit", "--no-fund",
                "--registry=https://registry.npmjs.org/", "ms@2.1.3"), null);
        assertThat(src.resolve("node_modules/ms/index.js")).exists();
        // The runtime is made on this machine (its node + shared-library closure) and copied in whole.
        Path rtRoot = work.resolve("rt");
        StringWriter out = new StringWriter();
        int code = NodeMain.run(new NodeEnvironment(new PrintWriter(out), new PrintWriter(out), Map.of(),
                Clock.systemUTC(), false), "runtime", "add", "nodejs:20", "--from", "/usr/bin/node", "--root",
                rtRoot.toString());
        assertThat(code).as(out.toString()).isZero();
        NisoOnHost.copyTree(host, rtRoot.resolve("opt/niso/runtimes/nodejs/20"), "/opt/niso/runtimes/nodejs/20");
        NisoOnHost.copyTree(host, src, "/srv/node");
        packVersions("/srv/node", "node-web", "PORT = \"3000\"");

        lifecycle("node-web", "http://127.0.0.1:3000/", "\"version\":\"1.0.0\"", "\"version\":\"2.0.0\"");

        assertThat(get("http://127.0.0.1:3000/")).contains("\"twoDays\":172800000");
        String unit = host.exec("cat", "/etc/systemd/system/niso-node-web.service").orThrow().stdout();
        assertThat(unit).contains("DynamicUser=yes", "SystemCallFilter=@system-service")
                .doesNotContain("MemoryDenyWriteExecute");
        assertThat(show("niso-node-web.service", "MemoryMax", "CPUQuotaPerSecUSec"))
                .containsEntry("MemoryMax", "268435456").containsEntry("CPUQuotaPerSecUSec", "1.500000s");
    }

    @Test
    void staticBinaryNeedsNoRuntime() throws Exception {
        Path src = work.resolve("static-web");
        Files.createDirectories(src.resolve("bin"));
        Files.copy(MODULE.resolve("src/test/resources/apps/static-web/manifest.toml"), src.resolve("manifest.toml"));
        NisoOnHost.run(List.of("gcc", "-static", "-O2", "-o", src.resolve("bin/static-web").toString(),
                MODULE.resolve("src/test/resources/apps/static-web/server.c").toString()), null);
        NisoOnHost.copyTree(host, src, "/srv/static");
        packVersions("/srv/static", "static-web", "PORT = \"9090\"");

        lifecycle("static-web", "http://127.0.0.1:9090/", "static 1.0.0", "static 2.0.0");

        String unit = host.exec("cat", "/etc/systemd/system/niso-static-web.service").orThrow().stdout();
        assertThat(unit).contains("ExecStart=/app/bin/static-web", "MemoryDenyWriteExecute=yes")
                .doesNotContain("/opt/niso/runtimes");

        // Quick switches back and forth pass systemd's default start limit (5 starts in 10 s): activate no
        // longer runs reset-failed on a running unit, so it must clear the limit when a restart hits it.
        for (int i = 0; i < 8; i++) {
            String version = i % 2 == 0 ? "2.0.0" : "1.0.0";
            ExecResult r = niso(host, "activate", "static-web", version, "--json");
            assertThat(r.exitCode()).as("switch " + i + ": " + r.describe()).isZero();
            assertThat(Json.mapper().readTree(r.stdout()).get("outcome").asText()).isEqualTo("activated");
        }
        assertThat(host.exec("systemctl", "is-active", "niso-static-web.service").stdout().strip()).isEqualTo("active");
        assertThat(host.exec("readlink", "/opt/niso/packages/static-web/current").orThrow().stdout().strip())
                .endsWith("1.0.0");

        // `niso status --json --cached` without a JVM. The first one finds no cache (nobody asked before), so Java
        // answers and writes it; after that, every change keeps it, and the script alone answers ("/bin/false" as
        // the launcher it would fall back to proves it), exactly as Java would, running or stopped.
        String java = niso(host, "status", "--json", "--cached").orThrow().stdout();
        assertThat(NisoOnHost.cachedStatus(host, "niso").orThrow().stdout()).isEqualTo(java);
        assertThat(host.exec("test", "-f", "/opt/niso/state/status-cache").ok()).isTrue();
        niso(host, "activate", "static-web", "2.0.0", "--wait").orThrow();
        String cached = NisoOnHost.cachedStatus(host, "/bin/false").orThrow().stdout();
        assertThat(cached).isEqualTo(niso(host, "status", "--json", "--cached").orThrow().stdout())
                .contains("\"version\":\"2.0.0\"", "\"active_state\":\"active\"", "\"health\":\"unknown\"",
                        "\"sub_state\":\"running\"");
        host.exec("systemctl", "stop", "niso-static-web.service").orThrow();
        String stopped = NisoOnHost.cachedStatus(host, "/bin/false").orThrow().stdout();
        assertThat(stopped).isEqualTo(niso(host, "status", "--json", "--cached").orThrow().stdout())
                .contains("\"active_state\":\"inactive\"", "\"health\":\"unhealthy\"");
        host.exec("systemctl", "start", "niso-static-web.service").orThrow();
        // A cache another niso version wrote is not used: Java answers, and leaves it (a change rewrites it).
        sh(host, "sed -i '1s/^niso-status-cache 1 [^ ]*/niso-status-cache 1 0.0.1-other/' /opt/niso/state/status-cache")
                .orThrow();
        assertThat(NisoOnHost.cachedStatus(host, "/bin/false").exitCode()).isEqualTo(1);
        assertThat(NisoOnHost.cachedStatus(host, "niso").orThrow().stdout())
                .isEqualTo(niso(host, "status", "--json", "--cached").orThrow().stdout());
    }

    @Test
    void everyEscapeProbeIsBlockedUnderTheDefaultPreset() throws Exception {
        Path src = work.resolve("escape");
        Files.createDirectories(src.resolve("bin"));
        Files.copy(MODULE.resolve("src/test/resources/apps/escape/manifest.toml"), src.resolve("manifest.toml"));
        NisoOnHost.run(List.of("gcc", "-static", "-O2", "-o", src.resolve("bin/escape-probe").toString(),
                MODULE.resolve("src/test/resources/probes/escape-probe.c").toString()), null);
        NisoOnHost.copyTree(host, src, "/srv/escape");
        sh(host, "cd /srv/escape && niso pack . --output /srv/out").orThrow();

        ExecResult r = niso(host, "activate", "escape", "--from", "/srv/out/escape-1.0.0-x86_64.niso", "--json");
        String journal = host.exec("journalctl", "--no-pager", "-o", "cat", "-u", "niso-escape.service").stdout();
        assertThat(r.exitCode()).as(r.describe() + "\n" + journal).isZero();

        Map<String, String> probes = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^probe (\\S+)\\s+(ALLOWED|BLOCKED)").matcher(journal);
        while (m.find()) {
            probes.put(m.group(1), m.group(2));
        }
        System.out.println("escape probes under the default preset: " + probes);
        assertThat(probes).hasSizeGreaterThanOrEqualTo(20);
        for (Map.Entry<String, String> p : probes.entrySet()) {
            assertThat(p.getValue()).as("probe " + p.getKey()).isEqualTo("BLOCKED");
        }
        assertThat(journal).contains("allowed=0");
        assertThat(show("niso-escape.service", "ExecMainStatus")).containsEntry("ExecMainStatus", "0");
    }

    @Test
    void sigkillAtRandomPointsLeavesAConsistentRepairableHost() throws Exception {
        NisoOnHost.copyTree(host, MODULE.resolve("src/test/resources/apps/static-web"), "/srv/kill-src");
        Path bin = work.resolve("kill-bin");
        NisoOnHost.run(List.of("gcc", "-static", "-O2", "-o", bin.resolve("kill-web").toString(),
                MODULE.resolve("src/test/resources/apps/static-web/server.c").toString()), bin);
        NisoOnHost.copyTree(host, bin, "/srv/kill-src/bin");
        sh(host, "cd /srv/kill-src && rm -f server.c && sed -i 's/static-web/kill-web/; s/9090/9191/g;"
                + " s/^PORT = .*/PORT = \"9191\"\\nSTART_DELAY = \"1\"/' manifest.toml")
                .orThrow();
        packVersions("/srv/kill-src", "kill-web", "PORT = \"9191\"");
        sh(host, "cd /srv/kill-src && sed -i 's/^version = .*/version = \"3.0.0\"/' manifest.toml"
                + " && niso pack . --output /srv/out").orThrow();
        niso(host, "install", "/srv/out/kill-web-1.0.0-x86_64.niso").orThrow();
        niso(host, "install", "/srv/out/kill-web-2.0.0-x86_64.niso").orThrow();
        niso(host, "activate", "kill-web", "1.0.0", "--wait").orThrow();
        NisoOnHost.cachedStatus(host, "niso").orThrow(); // asked once: from now on every change keeps the cache

        // Kill points are drawn over the measured length of each command (JVM start included), so that kills
        // land before, during and after the changes; the test insists that some landed mid-activation.
        double activateSeconds = seconds("niso activate kill-web 2.0.0 --wait && niso activate kill-web 1.0.0 --wait")
                / 2;
        double installSeconds = seconds("niso install /srv/out/kill-web-3.0.0-x86_64.niso");
        niso(host, "remove", "kill-web", "3.0.0").orThrow();
        long seed = new Random().nextLong();
        System.out.printf("SIGKILL test seed: %d (activate %.2fs, install %.2fs)%n", seed, activateSeconds,
                installSeconds);
        Random random = new Random(seed);
        int midActivation = 0;
        int cacheChecked = 0;
        String current = "1.0.0";
        for (int run = 0; run < 20; run++) {
            boolean install = run % 4 == 3;
            double delay = 0.2 + random.nextDouble() * (install ? installSeconds : activateSeconds);
            // Always a real switch (away from what is current), never the no-op re-activation.
            String other = current.equals("1.0.0") ? "2.0.0" : "1.0.0";
            String cmd = install ? "niso install /srv/out/kill-web-3.0.0-x86_64.niso"
                    : "niso activate kill-web " + other + " --wait";
            sh(host, String.format("timeout -s KILL %.2f %s >/dev/null 2>&1; true", delay, cmd));
            String context = "run " + run + " (" + cmd + ", killed after " + String.format("%.2f", delay) + "s)";

            // Right after the kill: the unit names a version whose rootfs and package exist (the DB is checked
            // by the next command, which must open it and succeed).
            // The unit reaches the version through the service's `current` link: it resolves to a complete
            // release (package, environment) and the unit's rootfs exists.
            String unitVersion = sh(host, "basename \"$(readlink -f /opt/niso/services/kill-web/current/app)\"")
                    .orThrow().stdout().strip();
            assertThat(unitVersion).as(context).isIn("1.0.0", "2.0.0");
            assertThat(sh(host, "test -d \"$(sed -n 's/^RootDirectory=//p' /etc/systemd/system/niso-kill-web.service)\""
                    + " && test -f /opt/niso/services/kill-web/current/environment").ok()).as(context).isTrue();
            assertThat(host.exec("test", "-f", "/opt/niso/packages/kill-web/" + unitVersion + "/manifest.toml").ok())
                    .as(context).isTrue();

            boolean cachePresent = host.exec("test", "-f", "/opt/niso/state/status-cache").ok();
            if (host.exec("test", "-e", "/opt/niso/services/kill-web/activation.pending").ok()) {
                midActivation++;
                assertThat(cachePresent).as(context + ": a change was cut short, so no status cache").isFalse();
            }
            if (cachePresent) {
                cacheChecked++;
                // Whatever the kill interrupted, a cache that is there describes the host as it is.
                assertThat(withoutLiveFields(NisoOnHost.cachedStatus(host, "/bin/false").orThrow().stdout())).as(context)
                        .isEqualTo(withoutLiveFields(niso(host, "status", "--json", "--cached").orThrow().stdout()));
            }
            // The next command repairs whatever was half-done and succeeds.
            String target = random.nextBoolean() ? "1.0.0" : "2.0.0";
            ExecResult next = niso(host, "activate", "kill-web", target, "--wait", "--json");
            assertThat(next.exitCode()).as(context + ": " + next.describe()).isZero();
            assertThat(host.exec("readlink", "/opt/niso/packages/kill-web/current").orThrow().stdout().strip())
                    .as(context).isEqualTo(target);
            assertThat(get("http://127.0.0.1:9191/")).as(context).contains("static " + target);
            current = target;
            assertThat(host.exec("test", "-e", "/opt/niso/services/kill-web/activation.pending").ok()).as(context)
                    .isFalse();
            if (install) {
                niso(host, "install", "/srv/out/kill-web-3.0.0-x86_64.niso").orThrow();
                String installed = niso(host, "list", "kill-web", "--json").orThrow().stdout();
                assertThat(installed).as(context).contains("\"version\":\"3.0.0\"");
                assertThat(host.exec("sh", "-c", "ls -A /opt/niso/staging 2>/dev/null").stdout()).as(context).isBlank();
                niso(host, "remove", "kill-web", "3.0.0").orThrow();
            }
        }
        String history = niso(host, "history", "kill-web").orThrow().stdout();
        System.out.println(history);
        System.out.println("runs killed mid-activation (journal left behind): " + midActivation
                + "; status caches left and checked: " + cacheChecked);
        assertThat(midActivation).as("kills that interrupted an activation").isGreaterThanOrEqualTo(2);
        assertThat(history).contains("repair");
    }

    /** A status document without what systemd may change between two reads (unit state, and health with it). */
    private static JsonNode withoutLiveFields(String status) throws IOException {
        JsonNode doc = Json.mapper().readTree(status);
        for (JsonNode s : doc.get("services")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) s).remove(List.of("active_state", "sub_state", "health"));
        }
        return doc;
    }

    private static double seconds(String script) {
        long start = System.nanoTime();
        sh(host, script).orThrow();
        return (System.nanoTime() - start) / 1e9;
    }

    // ---- helpers ----

    /** Packs {@code dir} as 1.0.0 and as 2.0.0 (version and APP_VERSION bumped) into /srv/out. */
    private static void packVersions(String dir, String name, String envAnchor) {
        sh(host, "cd " + dir + " && niso pack . --output /srv/out"
                + " && sed -i 's/^version = .*/version = \"2.0.0\"/; s/^APP_VERSION = .*//; s/^" + envAnchor
                + "/" + envAnchor + "\\nAPP_VERSION = \"2.0.0\"/' manifest.toml && niso pack . --output /srv/out")
                .orThrow();
        assertThat(host.exec("test", "-f", "/srv/out/" + name + "-2.0.0-x86_64.niso").ok()).isTrue();
    }

    /** v1 → serves → v2 → serves → status agrees with systemctl → rollback → v1 serves again. */
    private static void lifecycle(String name, String url, String v1, String v2) throws IOException {
        JsonNode a1 = activate(name, "1.0.0");
        assertThat(a1.get("outcome").asText()).isEqualTo("activated");
        assertThat(a1.get("health").asText()).isEqualTo("healthy");
        assertThat(get(url)).contains(v1);

        JsonNode again = activate(name, "1.0.0");
        assertThat(again.get("outcome").asText()).as("re-run is a no-op").isEqualTo("unchanged");
        String unit = "niso-" + name + ".service";
        String unitBefore = host.exec("cat", "/etc/systemd/system/" + unit).orThrow().stdout();
        long reloadsBefore = reloads();

        JsonNode a2 = activate(name, "2.0.0");
        assertThat(a2.get("outcome").asText()).isEqualTo("activated");
        assertThat(a2.at("/from/version").asText()).isEqualTo("1.0.0");
        assertThat(get(url)).contains(v2);
        // Issue 4: the same unit text for both versions, so systemd was not reloaded; the new version (its
        // package and its environment, APP_VERSION) came through the service's `current` link at start time.
        assertThat(host.exec("cat", "/etc/systemd/system/" + unit).orThrow().stdout()).isEqualTo(unitBefore);
        assertThat(reloads()).as("daemon-reloads during the upgrade").isEqualTo(reloadsBefore);

        JsonNode st = statusOf(name);
        Map<String, String> sd = show(unit, "ActiveState", "SubState", "MainPID");
        assertThat(st.get("active_state").asText()).isEqualTo(sd.get("ActiveState")).isEqualTo("active");
        assertThat(st.get("sub_state").asText()).isEqualTo(sd.get("SubState")).isEqualTo("running");
        // What the running process actually has at /app is the version status reports.
        String running = host.exec("sh", "-c", "sed -n 's/^version = \"\\(.*\\)\"/\\1/p' /proc/" + sd.get("MainPID")
                + "/root/app/manifest.toml").orThrow().stdout().strip();
        assertThat(running).isEqualTo(st.get("version").asText());
        assertThat(st.get("version").asText()).isEqualTo("2.0.0");
        assertThat(st.at("/previous/version").asText()).isEqualTo("1.0.0");
        assertThat(st.get("health").asText()).isEqualTo("healthy");

        ExecResult rb = niso(host, "rollback", name, "--wait", "--json");
        assertThat(rb.exitCode()).as(rb.describe()).isZero();
        assertThat(Json.mapper().readTree(rb.stdout()).get("outcome").asText()).isEqualTo("rolled_back");
        assertThat(get(url)).contains(v1);
        assertThat(statusOf(name).get("version").asText()).isEqualTo("1.0.0");
    }

    private static JsonNode activate(String name, String version) throws IOException {
        ExecResult r = niso(host, "activate", name, "--from", "/srv/out/" + name + "-" + version + "-x86_64.niso",
                "--wait", "--json");
        assertThat(r.exitCode()).as(r.describe() + "\n" + host.journal("niso-" + name + ".service")).isZero();
        return Json.mapper().readTree(r.stdout());
    }

    private static JsonNode statusOf(String name) throws IOException {
        JsonNode doc = Json.mapper().readTree(niso(host, "status", "--json").orThrow().stdout());
        assertThat(doc.get("schema").asInt()).isEqualTo(1);
        assertThat(doc.get("host").asText()).isEqualTo("th1");
        for (JsonNode s : doc.get("services")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError(name + " not in niso status: " + doc);
    }

    private static String get(String url) {
        return host.exec("curl", "-sS", "--max-time", "5", url).orThrow().stdout();
    }

    /** How often the host's systemd reloaded so far (it logs "Reloading." each time). */
    private static long reloads() {
        return sh(host, "journalctl _PID=1 -o cat | grep -c '^Reloading\\.$' || true").orThrow().stdout().strip()
                .lines().mapToLong(Long::parseLong).sum();
    }

    private static Map<String, String> show(String unit, String... props) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> argv = new java.util.ArrayList<>(List.of("systemctl", "show", unit));
        for (String p : props) {
            argv.add("-p");
            argv.add(p);
        }
        for (String line : host.exec(argv.toArray(String[]::new)).orThrow().stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
