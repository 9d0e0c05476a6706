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

    @Test
    void activateInstalledVersionWaitsWithTheHealthyDeadline() {
        assertThat(niso.activate("api", Optional.of("1.0.0"), Optional.empty(), Duration.ofMinutes(5)).render())
                .isEqualTo("niso activate api 1.0.0 --wait --timeout 300s --json");
    }

    @Test
    void activateFromAnUploadedFile() {
        assertThat(niso.activate("api", Optional.of("2.0.0"), Optional.of("/var/lib/niso/incoming/hello-api-2.0.0-0123456789abcdef.niso"),
                Duration.ofSeconds(30)).render())
                .isEqualTo("niso activate api 2.0.0 --from /var/lib/niso/incoming/hello-api-2.0.0-0123456789abcdef.niso --wait --timeout 30s --json");
    }

    @Test
    void activateWithoutVersionLetsTheHostPick() {
        assertThat(niso.activate("api", Optional.empty(), Optional.empty(), Duration.ofMillis(1500)).render())
                .isEqualTo("niso activate api --wait --timeout 2s --json");
    }

    @Test
    void oddNamesAreQuotedForTheRemoteShell() {
        assertThat(niso.activate("api; rm -rf /", Optional.empty(), Optional.empty(), Duration.ofSeconds(1)).render())
                .isEqualTo("niso activate 'api; rm -rf /' --wait --timeout 1s --json");
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
    void prepareIncoming() {
        assertThat(niso.prepareIncoming().render()).isEqualTo("mkdir -p -m 0700 /var/lib/niso/incoming");
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
