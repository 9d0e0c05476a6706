package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
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

/**
 * {@code niso stack …} end to end in-process over the real activation code: --root in a temp dir, fake systemd
 * and probes, real store, state DB and stack records.
 */
class StackCliTest {
    @TempDir Path root;
    @TempDir Path work;
    TestHostFixture host;
    Path stackFile;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        host = new TestHostFixture(root);
        host.install("api", "1.0.0");
        host.install("api", "2.0.0");
        host.healthy.add("1.0.0");
        stackFile = work.resolve("stack.toml");
        Files.writeString(stackFile, """
                [stack]
                name = "shop"

                [[service]]
                name = "api"
                package = "api:1.0.0"
                depends_on = { db = "healthy" }

                [[service]]
                name = "db"
                package = "db:1.0.0"
                """);
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
    void validateReportsAMissingPackageAndPassesOnceInstalled() {
        Run bad = niso("stack", "validate", "-f", stackFile.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("stack.toml").contains("package db:1.0.0 is not available");
        host.install("db", "1.0.0");
        Run ok = niso("stack", "validate", "-f", stackFile.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo("stack.toml: stack shop is valid (2 services, 0 networks)\n");
        assertThat(niso("stack", "validate", "-f", work.resolve("none.toml").toString()).code()).isEqualTo(2);
    }

    @Test
    void validateAlsoReportsWhatActivationWouldRefuse() throws Exception {
        host.install("db", "1.0.0");
        Files.writeString(stackFile, """
                [stack]
                name = "shop"

                [[service]]
                name = "api"
                package = "api:1.0.0"

                [service.binary]
                entrypoint = "../outside"
                """);
        Run r = niso("stack", "validate", "-f", stackFile.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("stack.toml: service api:").contains("leaves the package");
        Run up = niso("stack", "up", "-f", stackFile.toString());
        assertThat(up.code()).isEqualTo(2);
        assertThat(up.out()).isEmpty(); // nothing was created
    }

    @Test
    void upStatusDiffUpgradeWaitDown() throws Exception {
        host.install("db", "1.0.0");
        Run diff = niso("stack", "diff", "--file", stackFile.toString(), "--json");
        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.json().at("/changes/0/service").asText()).isEqualTo("db");
        assertThat(diff.json().at("/changes/0/action").asText()).isEqualTo("create");
        assertThat(diff.json().at("/changes/0/ready_when").asText()).isEqualTo("healthy");
        assertThat(diff.json().get("schema").asInt()).isEqualTo(1);

        Run up = niso("stack", "up", "-f", stackFile.toString());
        assertThat(up.code()).as(up.err() + up.out()).isZero();
        assertThat(up.out()).containsPattern("db started \\(healthy in [0-9.]+s\\)\napi started \\(healthy in [0-9.]+s\\)\n");

        Run again = niso("stack", "up", "-f", stackFile.toString());
        assertThat(again.out()).isEqualTo("stack shop: nothing to do (2 services unchanged)\n");
        assertThat(niso("stack", "diff", "-f", stackFile.toString()).out()).startsWith("stack shop: nothing to do");

        Run status = niso("stack", "status", "-f", stackFile.toString());
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).startsWith("SERVICE  STATUS  HEALTH   UPTIME  VERSION\ndb       active  healthy");
        assertThat(status.out()).contains("api      active  healthy");
        // without the file: the only recorded stack
        Run byName = niso("stack", "status", "--stack", "shop", "--json");
        assertThat(byName.json().at("/services/1/service").asText()).isEqualTo("api");
        assertThat(byName.json().at("/services/1/version").asText()).isEqualTo("1.0.0");

        Run upgrade = niso("stack", "upgrade", "api", "2.0.0", "-f", stackFile.toString(), "--timeout", "20s");
        assertThat(upgrade.code()).isEqualTo(1);
        assertThat(upgrade.out()).startsWith("api failed and was rolled back:");
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("1.0.0");

        Run waited = niso("stack", "wait", "api", "--stack", "shop", "--timeout", "5s");
        assertThat(waited.code()).as(waited.err()).isZero();
        assertThat(waited.out()).startsWith("api is healthy");

        Run down = niso("stack", "down", "--stack", "shop", "--json");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.json().get("stopped")).extracting(JsonNode::asText).containsExactly("api", "db");
        assertThat(niso("status", "--json").json().get("services")).isEmpty();
        Run gone = niso("stack", "status", "--stack", "shop");
        assertThat(gone.code()).isEqualTo(2);
        assertThat(gone.err()).contains("no stack named shop is deployed");
    }

    @Test
    void aServiceThatNeverGetsHealthyFailsUpWithExitOne() {
        host.install("db", "1.0.0");
        host.healthy.clear();
        Run up = niso("stack", "up", "-f", stackFile.toString(), "--timeout", "10s", "--json");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.out()).contains("\"not_started\":[\"api\"]").contains("\"ok\":false");
    }

    @Test
    void aJobRunFromAPackageWithAHealthCheckIsReadyOnceItExitedZero() {
        // the docs' migrate: the api package (which has a health check) as a oneshot with other args
        host.install("db", "1.0.0");
        Run up = niso("stack", "up", "-f", stackFile.toString());
        assertThat(up.code()).as(up.err() + up.out()).isZero();
        ActivationService svc = host.service();
        var def = new ServiceDefinition("migrate", "api", Optional.of("shop"), new online.niso.common.model.StackService(
                "migrate", online.niso.common.model.PackageRef.parse("api:1.0.0"), java.util.List.of(),
                java.util.List.of(), Map.of(), Optional.of(online.niso.common.model.ServiceSettings.ServiceType.ONESHOT),
                Map.of(), Map.of(), Optional.of(new online.niso.common.model.BinaryOverride(Optional.empty(),
                        Optional.of(java.util.List.of("migrate")), Optional.empty()))));
        assertThat(svc.activate(def, Optional.empty(), ActivationService.Options.NO_WAIT).outcome())
                .isEqualTo("activated");
        host.healthy.clear(); // the api's probe fails from now on: the job must not depend on it
        assertThat(host.status().awaitHealthy("migrate", Optional.of(java.time.Duration.ofSeconds(5)))).isTrue();
        assertThat(host.status().awaitHealthy("api", Optional.of(java.time.Duration.ofSeconds(5)))).isFalse();
    }
}
