package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import online.niso.common.json.Json;
import online.niso.node.cli.NodeEnvironment;
import online.niso.node.cli.NodeMain;
import online.niso.node.health.ProbeSample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end in-process: --root in a temp dir, fake systemd and probes, real store and DB. */
class ActivationCliTest {
    @TempDir Path root;
    TestHostFixture host;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    @BeforeEach
    void setUp() {
        host = new TestHostFixture(root);
        host.install("api", "1.0.0");
        host.install("api", "2.0.0");
        host.healthy.add("1.0.0");
    }

    Run niso(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Sandbox sandbox = (unit, purpose, argv, timeout) -> new Sandbox.Result(0, "");
        ServiceProber.Factory probers = unit -> (probe, timeout) -> {
            Optional<String> running = host.systemctl.runningVersion(unit.name());
            boolean ok = running.isPresent() && host.healthy.contains(running.get());
            return new ProbeSample(host.clock.instant(), ok, ok ? "200" : "refused");
        };
        HostServices fake = new HostServices(host.systemctl, sandbox, probers, host.clock.sleeper(), () -> "fakehost",
                paths -> host.networking);
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--root", root.toString())).toArray(String[]::new);
        int code = NodeMain.run(new NodeEnvironment(new PrintWriter(out), new PrintWriter(err),
                Map.of("SUDO_USER", "alice"), host.clock, false, fake), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void activateStatusHistoryDeactivate() throws Exception {
        Run a = niso("activate", "api", "1.0.0", "--wait", "--json");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.json().get("outcome").asText()).isEqualTo("activated");
        assertThat(a.json().get("schema").asInt()).isEqualTo(1);

        Run bad = niso("activate", "api", "2.0.0", "--wait", "--json", "--timeout", "20s");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.json().get("outcome").asText()).isEqualTo("rolled_back");

        Run status = niso("status", "--json");
        assertThat(status.code()).isZero();
        JsonNode s = status.json();
        assertThat(s.get("host").asText()).isEqualTo("fakehost");
        assertThat(s.at("/services/0/version").asText()).isEqualTo("1.0.0");
        assertThat(s.at("/services/0/health").asText()).isEqualTo("healthy");
        assertThat(s.at("/services/0/previous").isNull()).isTrue();
        assertThat(s.get("packages")).hasSize(2);

        assertThat(niso("health", "api").code()).isZero();

        Run history = niso("history", "api", "--json");
        assertThat(history.json().at("/entries/0/who").asText()).isEqualTo("alice");
        assertThat(history.json().at("/entries/1/outcome").asText()).isEqualTo("rolled_back");

        Run d = niso("deactivate", "api", "--json");
        assertThat(d.out().strip()).isEqualTo("{\"outcome\":\"deactivated\",\"schema\":1,\"service\":\"api\"}");
        assertThat(niso("status", "--json").json().get("services")).isEmpty();
        assertThat(niso("health", "api").code()).isEqualTo(2); // not active: invalid input
    }

    @Test
    void renderAndDryRunPrintTheUnitAndChangeNothing() {
        Run r = niso("render", "api", "1.0.0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("# /etc/systemd/system/niso-api.service", "X-Niso-Package=api",
                "mkdir 0755 /app", "write 0644 /etc/hosts", "app -> /opt/niso/packages/api/1.0.0");
        Run dry = niso("activate", "api", "--dry-run");
        assertThat(dry.out()).contains("app -> /opt/niso/packages/api/2.0.0");
        assertThat(host.paths.unitFile("api")).doesNotExist();
        assertThat(host.systemctl.calls).isEmpty();
    }

    @Test
    void badInputIsExitTwo() {
        assertThat(niso("activate", "Bad_Name").code()).isEqualTo(2);
        assertThat(niso("activate", "api", "9.9.9").code()).isEqualTo(2);
        assertThat(niso("activate", "api", "--wait", "--timeout", "soon").code()).isEqualTo(2);
        assertThat(niso("rollback", "api", "--json").code()).isEqualTo(1);
    }

    @Test
    void activatePackageRecordsTheDefinitionAndStatusNamesThePackage() throws Exception {
        host.install("hello-api", "1.0.0");
        Run a = niso("activate", "web", "--package", "hello-api", "--wait", "--json");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.json().get("service").asText()).isEqualTo("web");

        JsonNode s = niso("status", "web", "--json").json();
        assertThat(s.at("/services/0/name").asText()).isEqualTo("web");
        assertThat(s.at("/services/0/package").asText()).isEqualTo("hello-api");
        assertThat(s.at("/services/0/unit").asText()).isEqualTo("niso-web.service");
        // Without --package: the stored definition (hello-api), so the run is a no-op.
        Run again = niso("activate", "web", "--wait", "--json");
        assertThat(again.json().get("outcome").asText()).as(again.out()).isEqualTo("unchanged");
        assertThat(niso("render", "web").out()).contains("app -> /opt/niso/packages/hello-api/1.0.0");
        assertThat(niso("activate", "web", "--package", "Bad_Pkg").code()).isEqualTo(2);
        assertThat(niso("activate", "web", "--package", "nope").err()).contains("nope (package of service web) is not installed");
    }

    @Test
    void activateStackTakesTheServiceEntryAndCreatesItsNetworks() throws Exception {
        host.install("hello-api", "1.0.0");
        Path stack = root.resolve("stack.toml");
        java.nio.file.Files.writeString(stack, """
                [stack]
                name = "shop"

                [networks]
                backend = { subnet = "10.99.1.0/24" }
                unused = { subnet = "10.99.2.0/24" }

                [[service]]
                name = "web"
                package = "hello-api:1.0.0"
                networks = ["backend"]
                [service.depends_on]
                db = "started"

                [[service]]
                name = "db"
                package = "kv:7.0.0"
                networks = ["backend"]
                """);
        Run dry = niso("activate", "web", "--stack", stack.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(host.networking.networks).isEmpty(); // a dry run creates nothing

        Run a = niso("activate", "web", "--stack", stack.toString(), "--wait", "--json");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.json().at("/to/version").asText()).isEqualTo("1.0.0");
        assertThat(host.networking.networks).containsOnlyKeys("backend");
        assertThat(niso("status", "web", "--json").json().at("/services/0/package").asText()).isEqualTo("hello-api");

        Run missing = niso("activate", "cache", "--stack", stack.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("stack shop has no service cache (services: db, web)");
        java.nio.file.Files.writeString(stack, "[stack]\nname = \"shop\"\n[[service]]\nname = \"web\"\n");
        Run bad = niso("activate", "web", "--stack", stack.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("stack.toml:");
    }

    @Test
    void healthAwaitProbesUntilHealthyOrTheTimeout() {
        assertThat(niso("activate", "api", "1.0.0", "--wait").code()).isZero();
        Run ok = niso("health", "api", "--await", "--timeout", "10s");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("api: healthy");

        host.healthy.clear();
        Run sick = niso("health", "api", "--await", "--timeout", "10s");
        assertThat(sick.code()).isEqualTo(1);
        assertThat(sick.out()).contains("api: unhealthy", "not healthy within 10s");
        assertThat(niso("health", "api", "--await", "--timeout", "never").code()).isEqualTo(2);
        assertThat(niso("health", "nothing", "--await").code()).isEqualTo(2);
    }

    /**
     * The status cache (what `niso status --json --cached` answers from without a JVM) is rewritten by every command
     * that changes services or packages, even a failed one, and its document is exactly `status --json --cached`'s
     * once the unit states and the host name are filled in (what lib/status-cached.sh does with systemctl show).
     */
    @Test
    void everyChangeRewritesTheStatusCacheAsTheUnprobedStatus() throws Exception {
        Path cache = StatusCache.file(host.paths);
        assertThat(niso("activate", "api", "1.0.0", "--wait").code()).isZero();
        assertThat(cache).as("nobody asked for it yet: no cost to keep it").doesNotExist();
        assertThat(niso("status", "--json", "--cached").code()).as("answered by Java, which writes it").isZero();
        assertCacheIsTheUnprobedStatus(cache, "niso-api.service");

        assertThat(niso("activate", "api", "2.0.0", "--wait", "--timeout", "20s").code()).as("rolled back").isEqualTo(1);
        assertCacheIsTheUnprobedStatus(cache, "niso-api.service");
        host.systemctl.stop("niso-api.service"); // live state: the cache is not rewritten, the reader asks systemd
        assertCacheIsTheUnprobedStatus(cache, "niso-api.service");

        host.install("web", "1.0.0");
        assertThat(niso("activate", "web", "1.0.0", "--wait").code()).isZero();
        assertCacheIsTheUnprobedStatus(cache, "niso-api.service", "niso-web.service");
        assertThat(niso("remove", "api", "2.0.0").code()).isZero();
        assertThat(niso("deactivate", "api").code()).isZero();
        assertCacheIsTheUnprobedStatus(cache, "niso-web.service");
        assertThat(niso("status", "--json", "--cached").json().get("packages")).hasSize(2);

        // Reading changes nothing: a deleted cache stays deleted until the next change.
        java.nio.file.Files.delete(cache);
        assertThat(niso("status", "--json").code()).isZero();
        assertThat(cache).doesNotExist();
        assertThat(niso("activate", "web", "1.0.0", "--wait").code()).isZero();
        assertCacheIsTheUnprobedStatus(cache, "niso-web.service");
    }

    /** While any change is in flight there is no cache; the last change to end writes it. */
    @Test
    void theStatusCacheIsAbsentWhileAChangeIsInFlight() throws Exception {
        Path cache = StatusCache.file(host.paths);
        assertThat(niso("activate", "api", "1.0.0", "--wait").code()).isZero();
        assertThat(niso("status", "--json", "--cached").code()).isZero();
        assertThat(cache).exists();
        try (StatusCache.Change change = StatusCache.begin(host.paths, () -> "unused\n")) {
            assertThat(cache).as("a change is in flight").doesNotExist();
            assertThat(niso("status", "--json", "--cached").code()).isZero();
            assertThat(cache).as("not written by a reader while a change is in flight").doesNotExist();
        }
        try (StatusCache.Change outer = StatusCache.begin(host.paths, () -> "written by the last change\n")) {
            assertThat(cache).doesNotExist();
            assertThat(niso("rollback", "api").code()).isEqualTo(1); // nothing to roll back to; still a change
            assertThat(niso("activate", "api", "2.0.0").code()).isZero();
            assertThat(cache).as("another change is still in flight").doesNotExist();
        }
        assertThat(cache).hasContent("written by the last change");
    }

    private void assertCacheIsTheUnprobedStatus(Path cache, String... units) throws Exception {
        String[] lines = java.nio.file.Files.readString(cache).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("niso-status-cache 1 " + online.niso.common.cli.NisoVersion.get() + " "
                + String.join(" ", units));
        Run unprobed = niso("status", "--json", "--cached");
        assertThat(unprobed.code()).isZero();
        String filled = lines[1].replace(StatusCache.HOST, unprobed.json().get("host").asText());
        for (JsonNode s : unprobed.json().get("services")) {
            String unit = s.get("unit").asText();
            filled = filled.replace(StatusCache.placeholder("ActiveState", unit), s.get("active_state").asText())
                    .replace(StatusCache.placeholder("SubState", unit), s.get("sub_state").asText())
                    .replace(StatusCache.placeholder("health", unit), s.get("health").asText());
        }
        assertThat(filled + "\n").isEqualTo(unprobed.out());
        for (JsonNode s : unprobed.json().get("services")) {
            assertThat(s.get("health").asText()).isIn("unknown", "unhealthy", "none");
        }
    }
}
