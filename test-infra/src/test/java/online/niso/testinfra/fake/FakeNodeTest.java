package online.niso.testinfra.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.json.Json;
import online.niso.common.model.HostSpec;
import online.niso.common.model.SshAddress;
import online.niso.common.remote.RemoteException;
import online.niso.testinfra.fixtures.ContractFixtures;
import online.niso.testinfra.time.MutableClock;
import org.junit.jupiter.api.Test;

class FakeNodeTest {
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);
    static final FakeNode.Pkg V1 = new FakeNode.Pkg("hello-api", "1.0.0", D1);
    static final FakeNode.Pkg V2 = new FakeNode.Pkg("hello-api", "2.0.0", D2);
    static final Path FILE2 = Path.of("/artifacts/hello-api-2.0.0-amd64.niso");

    final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    final FakeFleet fleet = new FakeFleet(clock, List.of("web-1")).artifact(FILE2, V2);
    final FakeNode node = fleet.node("web-1").running("api", V1);

    static JsonNode json(CmdResult r) throws Exception {
        return Json.mapper().readTree(r.stdout());
    }

    @Test
    void statusReportsTheRunningReleaseInContractShape() throws Exception {
        JsonNode s = json(node.handle(Cmd.of("niso", "status", "--json")));
        assertThat(s.get("schema").asInt()).isEqualTo(1);
        assertThat(s.at("/services/0/version").asText()).isEqualTo("1.0.0");
        assertThat(s.at("/services/0/previous").isNull()).isTrue();
        assertThat(s.at("/services/0/since").asText()).isEqualTo("2026-11-26T10:00:00Z");
        // With a previous release every optional field is present, as in the fixture.
        node.running("api", V2);
        s = json(node.handle(Cmd.of("niso", "status", "--json")));
        assertThat(fieldPaths(s)).isEqualTo(fieldPaths(Json.mapper().readTree(ContractFixtures.read("status.json"))));
    }

    @Test
    void activateFromAnUploadedFileSwitchesAndKeepsThePreviousRelease() throws Exception {
        fleet.remote("web-1").upload(FILE2, "/var/lib/niso/incoming/x.niso", Duration.ofSeconds(5));
        CmdResult r = node.handle(Cmd.of("niso", "activate", "api", "2.0.0", "--package", "hello-api", "--from", "/var/lib/niso/incoming/x.niso",
                "--wait", "--timeout", "60s", "--json"));
        assertThat(r.exitCode()).isZero();
        assertThat(json(r).get("outcome").asText()).isEqualTo("activated");
        assertThat(fieldPaths(json(r))).isEqualTo(fieldPaths(Json.mapper().readTree(ContractFixtures.read("activate.json"))));
        JsonNode s = json(node.handle(Cmd.of("niso", "status", "--json")));
        assertThat(s.at("/services/0/version").asText()).isEqualTo("2.0.0");
        assertThat(s.at("/services/0/previous/version").asText()).isEqualTo("1.0.0");
        assertThat(s.get("packages")).hasSize(2);
    }

    @Test
    void activatingTheRunningHealthyReleaseIsUnchanged() throws Exception {
        CmdResult r = node.handle(Cmd.of("niso", "activate", "api", "1.0.0", "--package", "hello-api", "--wait", "--json"));
        assertThat(json(r).get("outcome").asText()).isEqualTo("unchanged");
    }

    @Test
    void aScriptedHealthFailureRollsBackOnTheHostAndExitsOne() throws Exception {
        node.failHealthOnActivate("api", "2.0.0", new FakeNode.Failure("probe failed", "unit text", "journal text", "503"));
        fleet.remote("web-1").upload(FILE2, "/in/x.niso", Duration.ofSeconds(5));
        CmdResult r = node.handle(Cmd.of("niso", "activate", "api", "2.0.0", "--package", "hello-api", "--from", "/in/x.niso", "--json"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(json(r).get("outcome").asText()).isEqualTo("rolled_back");
        assertThat(json(r).at("/failure/journal_tail").asText()).isEqualTo("journal text");
        assertThat(node.running("api")).contains(V1);
    }

    @Test
    void activatingAVersionThatIsNotInstalledIsInvalidInput() {
        CmdResult r = node.handle(Cmd.of("niso", "activate", "api", "9.9.9", "--package", "hello-api", "--json"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(node.running("api")).contains(V1);
    }

    @Test
    void withoutPackageANewServiceRunsThePackageOfItsOwnNameAndAnExistingOneKeepsItsPackage() throws Exception {
        fleet.remote("web-1").upload(FILE2, "/in/x.niso", Duration.ofSeconds(5));
        CmdResult r = node.handle(Cmd.of("niso", "activate", "web", "2.0.0", "--from", "/in/x.niso", "--json"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("holds package hello-api, not web");
        assertThat(node.running("web")).isEmpty();
        r = node.handle(Cmd.of("niso", "activate", "api", "2.0.0", "--from", "/in/x.niso", "--json"));
        assertThat(r.exitCode()).isZero();
        assertThat(node.running("api")).contains(V2);
    }

    @Test
    void aStackFileMustHaveBeenUploadedAndIsRemembered() throws Exception {
        CmdResult missing = node.handle(Cmd.of("niso", "activate", "api", "1.0.0", "--package", "hello-api",
                "--stack", "/in/stack.toml", "--json"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(node.handle(Cmd.of("test", "-f", "/in/stack.toml")).exitCode()).isEqualTo(1);
        fleet.remote("web-1").upload(FILE2, "/in/stack.toml", Duration.ofSeconds(5));
        assertThat(node.handle(Cmd.of("test", "-f", "/in/stack.toml")).exitCode()).isZero();
        fleet.remote("web-1").upload(FILE2, "/in/x.niso", Duration.ofSeconds(5));
        CmdResult r = node.handle(Cmd.of("niso", "activate", "api", "2.0.0", "--package", "hello-api",
                "--stack", "/in/stack.toml", "--from", "/in/x.niso", "--json"));
        assertThat(r.exitCode()).isZero();
        assertThat(node.stackOf("api")).contains("/in/stack.toml");
    }

    @Test
    void rollbackAndDeactivate() throws Exception {
        fleet.remote("web-1").upload(FILE2, "/in/x.niso", Duration.ofSeconds(5));
        node.handle(Cmd.of("niso", "activate", "api", "2.0.0", "--package", "hello-api", "--from", "/in/x.niso", "--json"));
        assertThat(json(node.handle(Cmd.of("niso", "rollback", "api", "--json"))).get("outcome").asText()).isEqualTo("rolled_back");
        assertThat(node.running("api")).contains(V1);
        assertThat(json(node.handle(Cmd.of("niso", "deactivate", "api", "--json"))).get("outcome").asText()).isEqualTo("deactivated");
        assertThat(node.running("api")).isEmpty();
        assertThat(node.nisoCalls()).containsExactly("activate api 2.0.0", "rollback api", "deactivate api");
    }

    @Test
    void anUnreachableHostThrowsAConnectFailureAndConnectionsAreCounted() {
        HostSpec spec = new HostSpec("web-1", SshAddress.parse("ssh://root@10.0.0.1"), Map.of());
        fleet.get(spec);
        fleet.get(spec);
        assertThat(fleet.connections("web-1")).isEqualTo(1);
        fleet.remote("web-1").setUnreachable(true);
        assertThatThrownBy(() -> fleet.get(spec).exec(Cmd.of("niso", "status", "--json"), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.CONNECT));
    }

    @Test
    void everyCallNeedsATimeout() {
        assertThatThrownBy(() -> fleet.remote("web-1").exec(Cmd.of("niso", "status"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** "services[].previous.version"-style paths of every field: the contract's shape without its values. */
    static TreeSet<String> fieldPaths(JsonNode node) {
        TreeSet<String> out = new TreeSet<>();
        walk(node, "", out);
        return out;
    }

    private static void walk(JsonNode node, String prefix, TreeSet<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(p);
                walk(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, prefix + "[]", out));
        }
    }
}
