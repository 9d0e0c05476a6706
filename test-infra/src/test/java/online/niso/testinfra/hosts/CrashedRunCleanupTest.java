package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.Test;

/**
 * {@code testhosts down} also removes what a crashed run left (its owner process is gone), and never touches a
 * run whose owner is alive.
 */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "setsid", "flock", "ssh", "ssh-keygen"})
class CrashedRunCleanupTest {

    private static final Map<String, String> ENV = Map.of("PATH", TestHostsCommands.GUEST_PATH);
    private static final Duration T = Duration.ofMinutes(2);

    @Test
    void downRemovesTheLeftoversOfACrashedRunButNotALiveOne() throws Exception {
        MachineSnapshot before = MachineSnapshot.take();
        Path bin = Scripts.extract();
        Process owner = new ProcessBuilder("sleep", "600").start();
        String crashed = "k" + TestFleet.newInstanceId(new java.util.Random(owner.pid())).substring(1);
        try (TestFleet live = TestFleet.start(1)) {
            LocalProcess.run(TestHostsCommands.up(bin.resolve("testhosts"), crashed, 2, owner.pid()), T, null, ENV)
                    .orThrow();
            Path crashedDir = TestFleet.RUN_ROOT.resolve(crashed);
            assertThat(crashedDir.resolve("hosts.tsv")).isRegularFile();

            // The owner "crashes" without tearing anything down.
            owner.destroyForcibly().waitFor();
            ExecResult down = LocalProcess.run(TestHostsCommands.down(bin.resolve("testhosts"), "none"), T, null, ENV)
                    .orThrow();

            assertThat(down.stderr()).contains("removing leftover of crashed run '" + crashed + "'");
            assertThat(crashedDir).doesNotExist();
            assertThat(Files.exists(Path.of("/sys/class/net/nth" + crashed + "br"))).isFalse();
            assertThat(live.host(1).ssh("systemctl is-system-running").stdout().strip())
                    .as("a run whose owner is alive is left alone").isEqualTo("running");
        } finally {
            owner.destroyForcibly();
            Scripts.delete(bin);
        }
        assertThat(before.diff(MachineSnapshot.take())).isEmpty();
    }
}
