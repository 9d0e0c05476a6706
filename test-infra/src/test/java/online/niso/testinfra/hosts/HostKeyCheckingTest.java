package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ssh client, as configured for the fleet, refuses hosts whose key is unknown or has changed. */
@TestHosts(count = 2)
class HostKeyCheckingTest {

    private static final Duration T = Duration.ofSeconds(30);

    private static ExecResult sshWithKnownHosts(TestFleet fleet, Path knownHosts, String host) {
        Argv argv = Argv.of("ssh", "-F", fleet.sshConfig().toString(), "-o", "UserKnownHostsFile=" + knownHosts,
                host, "true");
        return LocalProcess.run(argv, T, null, Map.of());
    }

    @Test
    void theFleetsKnownHostsLetsEveryHostIn(TestFleet fleet) {
        for (TestHost h : fleet.hosts()) {
            assertThat(h.ssh(T, "true").exitCode()).isZero();
        }
    }

    @Test
    void aHostMissingFromKnownHostsIsRefused(TestFleet fleet, @TempDir Path tmp) throws Exception {
        Path onlyTh1 = tmp.resolve("known_hosts");
        Files.writeString(onlyTh1, fleet.host(1).knownHostsLine() + "\n");
        assertThat(sshWithKnownHosts(fleet, onlyTh1, "th1").exitCode()).isZero();
        ExecResult r = sshWithKnownHosts(fleet, onlyTh1, "th2");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.stderr()).contains("Host key verification failed");
    }

    @Test
    void aHostPresentingAnotherKeyIsRefused(TestFleet fleet, @TempDir Path tmp) throws Exception {
        // th1's name and address, but th2's key: what a man in the middle (or a rebuilt host) looks like.
        String th2Key = fleet.host(2).knownHostsLine().split(" ", 2)[1];
        Path wrong = tmp.resolve("known_hosts");
        Files.writeString(wrong, "th1," + fleet.host(1).ip() + " " + th2Key + "\n");
        ExecResult r = sshWithKnownHosts(fleet, wrong, "th1");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.stderr()).contains("Host key verification failed");
    }
}
