package online.niso.fleet.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Kamal-style: one option per test, the full command string. */
class NodeCommandsTest {
    final NodeCommands niso = new NodeCommands();

    @Test
    void status() {
        assertThat(niso.status().render()).isEqualTo("niso status --json");
    }

    static NodeCommands.Activation api(Optional<String> version, Duration timeout) {
        return NodeCommands.Activation.of("api", "hello-api", version, timeout);
    }

    @Test
    void activateInstalledVersionWaitsWithTheHealthyDeadline() {
        assertThat(niso.activate(api(Optional.of("1.0.0"), Duration.ofMinutes(5))).render())
                .isEqualTo("niso activate api 1.0.0 --package hello-api --wait --timeout 300s --json");
    }

    @Test
    void activateFromAnUploadedFile() {
        assertThat(niso.activate(api(Optional.of("2.0.0"), Duration.ofSeconds(30))
                .from(Optional.of("/var/lib/niso/incoming/hello-api-2.0.0-0123456789abcdef.niso"))).render())
                .isEqualTo("niso activate api 2.0.0 --package hello-api --from /var/lib/niso/incoming/hello-api-2.0.0-0123456789abcdef.niso --wait --timeout 30s --json");
    }

    @Test
    void activateWithTheStackFileAsTheServiceDefinition() {
        String stack = NodeCommands.incomingStackPath("sha256:" + "ab".repeat(32));
        assertThat(stack).isEqualTo("/var/lib/niso/incoming/stack-abababababababab.toml");
        assertThat(niso.activate(api(Optional.of("2.0.0"), Duration.ofSeconds(30)).stack(Optional.of(stack))).render())
                .isEqualTo("niso activate api 2.0.0 --package hello-api --stack /var/lib/niso/incoming/stack-abababababababab.toml --wait --timeout 30s --json");
    }

    @Test
    void activateWithoutVersionLetsTheHostPick() {
        assertThat(niso.activate(api(Optional.empty(), Duration.ofMillis(1500))).render())
                .isEqualTo("niso activate api --package hello-api --wait --timeout 2s --json");
    }

    @Test
    void oddNamesAreQuotedForTheRemoteShell() {
        assertThat(niso.activate(NodeCommands.Activation.of("api; rm -rf /", "x y", Optional.empty(), Duration.ofSeconds(1))).render())
                .isEqualTo("niso activate 'api; rm -rf /' --package 'x y' --wait --timeout 1s --json");
    }

    @Test
    void activateUnderTheStoredDefinitionNamesNoPackage() {
        assertThat(niso.activate(NodeCommands.Activation.stored("api", "1.0.0", Duration.ofSeconds(30))).render())
                .isEqualTo("niso activate api 1.0.0 --wait --timeout 30s --json");
    }

    @Test
    void minHealthyTimeIsHeldOnTheHostWithHold() {
        assertThat(niso.activate(api(Optional.of("2.0.0"), Duration.ofSeconds(60)).hold(Duration.ofSeconds(10))).render())
                .isEqualTo("niso activate api 2.0.0 --package hello-api --wait --timeout 60s --hold 10s --json");
        assertThat(niso.activate(api(Optional.of("2.0.0"), Duration.ofSeconds(60)).hold(Duration.ofMillis(1500))).render())
                .contains("--hold 1500ms");
    }

    @Test
    void rollback() {
        assertThat(niso.rollback("api").render()).isEqualTo("niso rollback api --json");
    }

    @Test
    void deactivate() {
        assertThat(niso.deactivate("worker").render()).isEqualTo("niso deactivate worker --json");
    }

    @Test
    void incomingPathIsNamedByDigest() {
        assertThat(NodeCommands.incomingPath("hello-api", "2.0.0", "sha256:" + "ab".repeat(32)))
                .isEqualTo("/var/lib/niso/incoming/hello-api-2.0.0-abababababababab.niso");
    }

    @Test
    void anotherProgramPath() {
        assertThat(new NodeCommands("/usr/local/bin/niso").status().render()).isEqualTo("/usr/local/bin/niso status --json");
    }
}
