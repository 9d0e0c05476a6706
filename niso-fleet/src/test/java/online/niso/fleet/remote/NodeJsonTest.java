package online.niso.fleet.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import online.niso.common.error.UnexpectedStateException;
import online.niso.testinfra.fixtures.ContractFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fleet side of the node contract: every shared fixture parses to what it says. */
class NodeJsonTest {
    // The digests of the fixtures rendered by niso-node's ContractGoldenTest.
    static final String A = "sha256:b538eeabf162bea7bd4aeb24f14776d02ea747c03910eb291286ca9c23d7f003";
    static final String B = "sha256:1c890ebd7df8494a72a9d203ec37cf6f5059a41ab27381ea531a5e9a7dd14f76";

    @Test
    void statusFixture() {
        NodeStatus s = NodeJson.status("th1", ContractFixtures.read("status.json"));
        assertThat(s.host()).isEqualTo("th1");
        assertThat(s.nisoVersion()).isEqualTo("0.1.0-SNAPSHOT");
        NodeStatus.ServiceState api = s.service("hello-api").orElseThrow();
        assertThat(api.pkg()).isEqualTo("hello-api");
        assertThat(api.release()).isEqualTo(new Release("1.0.0", B));
        assertThat(api.previous()).contains(new Release("0.9.0", A));
        assertThat(api.health()).isEqualTo(Health.HEALTHY);
        assertThat(api.since()).contains(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(api.healthy()).isTrue();
        NodeStatus.ServiceState worker = s.service("worker").orElseThrow();
        assertThat(worker.previous()).isEmpty();
        assertThat(worker.health()).isEqualTo(Health.NONE);
        assertThat(worker.healthy()).as("no health check + active counts as healthy").isTrue();
        assertThat(s.packages()).hasSize(3);
        assertThat(s.hasPackageDigest(A)).isTrue();
    }

    @Test
    void statusFixtureCarriesTheDefinitionNisoNodeDigestsWithTheSameFunction() {
        // The stack entry niso-node's ContractGoldenTest renders for hello-api: both sides use ServiceConfigDigest.
        var helloApi = new online.niso.common.model.StackService("hello-api",
                online.niso.common.model.PackageRef.parse("hello-api:1.0.0"),
                java.util.List.of(online.niso.common.model.PortMapping.parse("8080:8080/tcp")), java.util.List.of(),
                java.util.Map.of(), java.util.Optional.empty(), java.util.Map.of(),
                java.util.Map.of("GREETING", "hello", "API_TOKEN", "not-in-the-document"), java.util.Optional.empty());
        NodeStatus.Definition d = NodeJson.status("th1", ContractFixtures.read("status.json")).service("hello-api")
                .orElseThrow().definition().orElseThrow();
        assertThat(d.digest()).isEqualTo(online.niso.common.stack.ServiceConfigDigest.of(helloApi));
        assertThat(d.fields()).isEqualTo(online.niso.common.stack.ServiceConfigDigest.fields(helloApi));
        assertThat(d.environmentKeys()).containsExactly("API_TOKEN", "GREETING");
    }

    @Test
    void aStatusFromAnOlderNisoHasNoDefinition() {
        NodeStatus s = NodeJson.status("th1", ContractFixtures.read("status-without-definition.json"));
        assertThat(s.services()).hasSize(2).allSatisfy(v -> assertThat(v.definition()).isEmpty());
    }

    @Test
    void aMalformedDefinitionIsRefused() {
        String json = ContractFixtures.read("status.json").replaceFirst("\"fields\": \\{", "\"fields\": [], \"x\": {");
        assertThatThrownBy(() -> NodeJson.status("web-1", json)).isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("definition.fields");
    }

    @Test
    void emptyStatusFixture() {
        NodeStatus s = NodeJson.status("th2", ContractFixtures.read("status-empty.json"));
        assertThat(s.services()).isEmpty();
        assertThat(s.packages()).isEmpty();
    }

    @Test
    void activatedFixture() {
        ActivationResult r = NodeJson.activation("th1", ContractFixtures.read("activate.json"));
        assertThat(r.outcome()).isEqualTo(ActivationResult.Outcome.ACTIVATED);
        assertThat(r.from()).contains(new Release("0.9.0", A));
        assertThat(r.to()).contains(new Release("1.0.0", B));
        assertThat(r.durationMs()).isEqualTo(1234);
        assertThat(r.failure()).isEmpty();
        assertThat(r.converged()).isTrue();
    }

    @Test
    void unchangedFixtureCountsAsConverged() {
        assertThat(NodeJson.activation("th1", ContractFixtures.read("activate-unchanged.json")).converged()).isTrue();
    }

    @Test
    void rolledBackFixtureCarriesTheFailureReport() {
        ActivationResult r = NodeJson.activation("th1", ContractFixtures.read("activate-rolled-back.json"));
        assertThat(r.outcome()).isEqualTo(ActivationResult.Outcome.ROLLED_BACK);
        assertThat(r.converged()).isFalse();
        ActivationResult.Failure f = r.failure().orElseThrow();
        assertThat(f.reason()).isEqualTo("3 consecutive probe failures, last: GET http://127.0.0.1:8080/health "
                + "failed: Connection refused");
        assertThat(f.journalTail()).contains("Started niso-hello-api.service");
        assertThat(f.unitStatus()).contains("niso-hello-api.service");
        assertThat(f.probeOutput()).contains("Connection refused");
    }

    @Test
    void failedFixtureHasNoFrom() {
        ActivationResult r = NodeJson.activation("th1", ContractFixtures.read("activate-failed.json"));
        assertThat(r.outcome()).isEqualTo(ActivationResult.Outcome.FAILED);
        assertThat(r.from()).isEmpty();
    }

    @Test
    void rollbackFixture() {
        ActivationResult r = NodeJson.activation("th1", ContractFixtures.read("rollback.json"));
        assertThat(r.outcome()).isEqualTo(ActivationResult.Outcome.ROLLED_BACK);
        assertThat(r.to()).contains(new Release("0.9.0", A));
    }

    @Test
    void deactivateFixture() {
        assertThat(NodeJson.deactivation("th1", ContractFixtures.read("deactivate.json"))).isEqualTo("hello-api");
    }

    @Test
    void anotherSchemaIsRefusedNamingTheHost() {
        assertThatThrownBy(() -> NodeJson.status("web-3", "{\"schema\":2,\"host\":\"web-3\"}"))
                .isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("web-3").hasMessageContaining("schema 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"schema\":1}",
            "{\"schema\":1,\"host\":\"h\",\"niso_version\":\"x\",\"services\":[{\"name\":\"api\"}],\"packages\":[]}",
            "{\"schema\":1,\"host\":\"h\",\"niso_version\":\"x\",\"services\":[],\"packages\":{}}"})
    void malformedStatusIsUnexpectedStateNotACrash(String json) {
        assertThatThrownBy(() -> NodeJson.status("web-1", json)).isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("web-1");
    }

    @Test
    void unknownOutcomeIsRefused() {
        String json = ContractFixtures.read("activate.json").replace("\"activated\"", "\"exploded\"");
        assertThatThrownBy(() -> NodeJson.activation("web-1", json)).isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("exploded");
    }
}
