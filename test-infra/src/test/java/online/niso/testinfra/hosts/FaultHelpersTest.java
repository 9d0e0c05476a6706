package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import online.niso.common.error.UnexpectedStateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Each fault helper really breaks the host the way it claims, and the way back really restores it. */
@TestHosts(count = 2)
@TestMethodOrder(MethodOrderer.MethodName.class)
class FaultHelpersTest {

    private static final Duration SHORT = Duration.ofSeconds(30);
    private final TestFleet fleet;

    FaultHelpersTest(TestFleet fleet) {
        this.fleet = fleet;
    }

    @AfterEach
    void everyHostIsReachableAgain() {
        // Tests share the fleet: each one must leave both hosts healthy for the next.
        for (TestHost h : fleet.hosts()) {
            assertThat(h.ssh(SHORT, "true").exitCode()).as(h + " reachable after the test").isZero();
        }
    }

    @Test
    void stopSshdMakesSshFailWhileTheHostKeepsRunning() {
        TestHost h = fleet.host(1);
        h.stopSshd();
        ExecResult r = h.ssh(SHORT, "true");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.stderr()).contains("Connection refused");
        assertThat(h.exec("systemctl", "is-active", "ssh.service").stdout().strip()).isEqualTo("inactive");
        h.exec("systemctl", "start", "ssh.service").orThrow();
    }

    @Test
    void cutNetworkMakesTheHostUnreachableAndRestoreBringsItBack() {
        TestHost cut = fleet.host(1);
        TestHost peer = fleet.host(2);
        cut.cutNetwork();
        assertThat(cut.ssh(SHORT, "true").exitCode()).isEqualTo(255);
        assertThat(peer.exec("ping", "-c1", "-W1", cut.ip()).exitCode()).isNotZero();
        assertThat(cut.exec("ping", "-c1", "-W1", peer.ip()).exitCode()).isNotZero();
        cut.restoreNetwork();
        // Neighbour entries that failed during the cut are re-resolved: allow a few probes, not just one.
        assertThat(peer.exec("sh", "-c", "for i in $(seq 10); do ping -c1 -W1 " + cut.ip() + " && exit 0; done; exit 1")
                .exitCode()).isZero();
    }

    @Test
    void freezeHangsTheHostAndThawResumesIt() {
        TestHost h = fleet.host(2);
        h.freeze();
        // The kernel still completes the TCP handshake, but sshd never answers: ssh gives up (ConnectTimeout).
        ExecResult r = h.ssh(SHORT, "true");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.stderr()).containsIgnoringCase("timed out");
        h.thaw();
        assertThat(h.ssh(SHORT, "echo thawed").orThrow().stdout()).isEqualTo("thawed\n");
    }

    @Test
    void powerOffKillsTheHostAndStartBootsItWithItsWritableLayer() {
        TestHost h = fleet.host(1);
        h.ssh("echo before-power-off > /root/marker").orThrow();
        h.powerOff();
        assertThatThrownBy(h::pid).isInstanceOf(UnexpectedStateException.class).hasMessageContaining("not running");
        assertThat(h.ssh(SHORT, "true").exitCode()).isEqualTo(255);
        h.start();
        assertThat(h.waitUntilRunning(Duration.ofSeconds(60))).isEqualTo("running");
        assertThat(h.ssh("cat /root/marker").orThrow().stdout()).isEqualTo("before-power-off\n");
    }

    @Test
    void rebootBringsBackEnabledUnitsAndKeepsFiles() {
        TestHost h = fleet.host(2);
        h.ssh("printf '[Service]\\nExecStart=/usr/bin/sleep infinity\\n[Install]\\nWantedBy=multi-user.target\\n'"
                + " > /etc/systemd/system/niso-sleeper.service"
                + " && systemctl enable --now niso-sleeper.service && echo kept > /var/lib/niso-kept").orThrow();
        long initBefore = h.pid();
        h.reboot();
        assertThat(h.pid()).as("a new init after reboot").isNotEqualTo(initBefore);
        assertThat(h.ssh("systemctl is-active niso-sleeper.service").stdout().strip()).isEqualTo("active");
        assertThat(h.ssh("cat /var/lib/niso-kept").orThrow().stdout()).isEqualTo("kept\n");
        assertThat(h.ssh("systemctl is-system-running").stdout().strip()).isEqualTo("running");
    }

    @Test
    void aRebootRequestedFromInsideTheHostAlsoComesBack() {
        TestHost h = fleet.host(1);
        long initBefore = h.pid();
        h.ssh(SHORT, "systemctl reboot"); // the connection may drop: its result does not matter
        assertThat(h.waitUntilRunning(Duration.ofSeconds(60))).isEqualTo("running");
        assertThat(h.pid()).isNotEqualTo(initBefore);
    }
}
