package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import online.niso.common.json.Json;
import online.niso.common.model.PackageRef;
import online.niso.common.model.PortMapping;
import online.niso.common.model.StackService;
import online.niso.node.activate.ActivationResult;
import online.niso.node.activate.ServiceDefinition;
import online.niso.node.activate.ServiceStatus;
import online.niso.node.activate.VersionRef;
import online.niso.node.state.InstalledPackage;
import org.junit.jupiter.api.Test;

/**
 * niso renders exactly the fixtures in test-infra's {@code contract/} (the documents niso-fleet parses): same
 * keys, same values, same nulls, keys sorted.
 */
class ContractGoldenTest {
    static final VersionRef V090 = new VersionRef("0.9.0",
            "sha256:b538eeabf162bea7bd4aeb24f14776d02ea747c03910eb291286ca9c23d7f003");
    static final VersionRef V100 = new VersionRef("1.0.0",
            "sha256:1c890ebd7df8494a72a9d203ec37cf6f5059a41ab27381ea531a5e9a7dd14f76");
    static final VersionRef W231 = new VersionRef("2.3.1",
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    /** The stack entry hello-api runs under in the fixture; niso-fleet's NodeJsonTest digests the same one. */
    static final StackService HELLO_API_DEFINITION = new StackService("hello-api", PackageRef.parse("hello-api:1.0.0"),
            List.of(PortMapping.parse("8080:8080/tcp")), List.of(), java.util.Map.of(), Optional.empty(),
            java.util.Map.of(), java.util.Map.of("GREETING", "hello", "API_TOKEN", "not-in-the-document"),
            Optional.empty());

    @Test
    void statusNeverCarriesEnvironmentValues() {
        String rendered = Output.json(ContractViews.StatusDoc.of("th1", List.of(new ServiceStatus("hello-api",
                "niso-hello-api.service", "hello-api", V100, Optional.empty(), "active", "running", "healthy",
                Optional.empty(), "", Optional.of(HELLO_API_DEFINITION))), List.of()));
        assertThat(rendered).contains("API_TOKEN").doesNotContain("not-in-the-document").doesNotContain("\"hello\"");
    }

    @Test
    void status() throws IOException {
        List<ServiceStatus> services = List.of(
                new ServiceStatus("hello-api", "niso-hello-api.service", "hello-api", V100, Optional.of(V090),
                        "active", "running", "healthy", Optional.of(Instant.parse("2026-11-26T10:00:00Z")), "200",
                        Optional.of(HELLO_API_DEFINITION)),
                new ServiceStatus("worker", "niso-worker.service", "worker", W231, Optional.empty(), "active",
                        "running", "none", Optional.empty(), "",
                        Optional.of(ServiceDefinition.plain("worker", "worker").overrides())));
        List<InstalledPackage> packages = List.of(pkg("hello-api", V090), pkg("hello-api", V100), pkg("worker", W231));
        assertRendersFixture(ContractViews.StatusDoc.of("th1", services, packages), "status.json");
    }

    @Test
    void activated() throws IOException {
        assertRendersFixture(ContractViews.ActivateDoc.of(new ActivationResult("hello-api", "activated",
                Optional.of(V090), Optional.of(V100), "healthy", 1234, Optional.empty())), "activate.json");
    }

    @Test
    void unchanged() throws IOException {
        assertRendersFixture(ContractViews.ActivateDoc.of(new ActivationResult("hello-api", "unchanged",
                Optional.of(V100), Optional.of(V100), "healthy", 412, Optional.empty())), "activate-unchanged.json");
    }

    @Test
    void rolledBackWithFailure() throws IOException {
        String probe = "GET http://127.0.0.1:8080/health failed: Connection refused";
        assertRendersFixture(ContractViews.ActivateDoc.of(new ActivationResult("hello-api", "rolled_back",
                Optional.of(V090), Optional.of(V100), "unhealthy", 9876, Optional.of(new ActivationResult.Failure(
                        "3 consecutive probe failures, last: " + probe,
                        "● niso-hello-api.service - niso hello-api (hello-api 1.0.0)\n     Active: active (running)",
                        "2026-11-26T10:00:01+0000 th1 systemd[1]: Started niso-hello-api.service - niso hello-api"
                                + " (hello-api 1.0.0).", probe)))), "activate-rolled-back.json");
    }

    @Test
    void failedWithNothingToRestore() throws IOException {
        String probe = "niso-hello-api.service is failed (failed)";
        assertRendersFixture(ContractViews.ActivateDoc.of(new ActivationResult("hello-api", "failed",
                Optional.empty(), Optional.of(V100), "unhealthy", 31002, Optional.of(new ActivationResult.Failure(
                        "not healthy within 30s, last probe: " + probe, "× niso-hello-api.service", "", probe)))),
                "activate-failed.json");
    }

    @Test
    void rollback() throws IOException {
        assertRendersFixture(ContractViews.ActivateDoc.of(new ActivationResult("hello-api", "rolled_back",
                Optional.of(V100), Optional.of(V090), "healthy", 2345, Optional.empty())), "rollback.json");
    }

    @Test
    void deactivate() throws IOException {
        assertRendersFixture(new ContractViews.DeactivateDoc("hello-api", "deactivated"), "deactivate.json");
    }

    private static InstalledPackage pkg(String name, VersionRef v) {
        return new InstalledPackage(name, v.version(), v.digest(), Optional.empty(), Instant.EPOCH, 1, 1);
    }

    static void assertRendersFixture(Views.View view, String fixture) throws IOException {
        JsonNode expected;
        try (InputStream in = ContractGoldenTest.class.getResourceAsStream("/contract/" + fixture)) {
            assertThat(in).as("fixture contract/" + fixture + " on the classpath (test-infra)").isNotNull();
            expected = Json.mapper().readTree(in);
        }
        String rendered = Output.json(view); // what --json prints
        assertThat(Json.mapper().readTree(rendered)).as(rendered).isEqualTo(expected);
        assertThat(keysInOrder(Json.mapper().readTree(rendered))).isSorted();
        assertThat(keysInOrder(expected)).as("fixture keys sorted").isSorted();
        assertThat(rendered).doesNotContain("\n");
    }

    private static List<String> keysInOrder(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }
}
