package online.niso.fleet.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.model.HostSpec;
import online.niso.common.model.SshAddress;
import online.niso.common.remote.RemoteException;
import online.niso.common.remote.RemoteHost;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.inventory.SnapshotCollector;
import online.niso.testinfra.fixtures.ContractFixtures;
import online.niso.testinfra.hosts.TestFleet;
import online.niso.testinfra.hosts.TestHost;
import online.niso.testinfra.hosts.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH layer against REAL sshd on real systemd test hosts. */
@TestHosts(count = 2)
class SshRemoteHostTest {
    static final Duration T = Duration.ofSeconds(20);
    static final RetryPolicies FAST = new RetryPolicies(2, Duration.ofMillis(50));

    static HostSpec spec(TestHost h) {
        return new HostSpec(h.name(), SshAddress.parse("ssh://" + h.user() + "@" + h.ip() + (h.sshPort() == 22 ? "" : ":" + h.sshPort())), Map.of());
    }

    static SshRemoteHosts client(TestFleet fleet, Path knownHosts, boolean acceptNew) {
        return new SshRemoteHosts(new SshOptions(List.of(fleet.privateKey()), knownHosts, Duration.ofSeconds(10), 4, acceptNew), FAST);
    }

    @Test
    void execReturnsExitCodeStdoutAndStderr(TestFleet fleet) {
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            CmdResult r = ssh.get(spec(fleet.host(1))).exec(Cmd.of("sh", "-c", "echo out; echo err >&2; exit 3"), T);
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("out\n");
            assertThat(r.stderr()).isEqualTo("err\n");
        }
    }

    @Test
    void argumentsArriveUnchangedThroughTheRemoteShell(TestFleet fleet) {
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            String tricky = "a b; echo pwned 'q' \"d\" $HOME";
            CmdResult r = ssh.get(spec(fleet.host(1))).exec(Cmd.of("printf", "%s", tricky), T);
            assertThat(r.stdout()).isEqualTo(tricky);
        }
    }

    @Test
    void oneConnectionPerHostIsReusedForEveryCall(TestFleet fleet) {
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            HostSpec h = spec(fleet.host(1));
            // Each exec's shell is a child of the per-connection sshd process: one parent = one connection.
            String first = ssh.get(h).exec(Cmd.of("sh", "-c", "echo $PPID"), T).stdout();
            for (int i = 0; i < 4; i++) {
                assertThat(ssh.get(h).exec(Cmd.of("sh", "-c", "echo $PPID"), T).stdout()).isEqualTo(first);
            }
            assertThat(ssh.get(h)).isSameAs(ssh.get(h));
            assertThat(ssh.openSessions()).isEqualTo(1);
        }
    }

    @Test
    void uploadIsCompleteAtomicAndPrivate(TestFleet fleet, @TempDir Path tmp) throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        Path local = tmp.resolve("pkg.niso");
        Files.write(local, data);
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            RemoteHost h = ssh.get(spec(fleet.host(2)));
            String dest = NodeCommands.INCOMING + "/pkg.niso";
            h.upload(local, dest, T);
            assertThat(h.exec(Cmd.of("sha256sum", dest), T).stdout()).startsWith(expected);
            assertThat(h.exec(Cmd.of("stat", "-c", "%a", dest), T).stdout().strip()).isEqualTo("600");
            assertThat(h.exec(Cmd.of("ls", NodeCommands.INCOMING), T).stdout()).doesNotContain(".part");
        }
    }

    /**
     * Several files in one SFTP session, no command: each complete and private (one with a space in its name),
     * their missing directories made (0700), a file already there replaced, and an ifMissing one already there
     * left alone.
     */
    @Test
    void severalFilesUploadInOneGoEachCompleteAndPrivate(TestFleet fleet, @TempDir Path tmp) throws Exception {
        String dir = "/var/lib/niso-upload-test/" + System.nanoTime() + "/in";
        List<RemoteHost.Upload> files = new java.util.ArrayList<>();
        List<String> digests = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] data = new byte[(i + 1) * 70_000];
            new Random(i).nextBytes(data);
            Path local = tmp.resolve("file " + i);
            Files.write(local, data);
            digests.add(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data)));
            files.add(new RemoteHost.Upload(local, dir + "/multi " + i + ".bin"));
        }
        Path kept = tmp.resolve("stack.toml");
        Files.writeString(kept, "new content\n");
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            RemoteHost h = ssh.get(spec(fleet.host(2)));
            assertThat(h.upload(files, T)).isEqualTo(files);
            for (int i = 0; i < 3; i++) {
                String dest = files.get(i).remotePath();
                assertThat(h.exec(Cmd.of("sha256sum", dest), T).stdout()).startsWith(digests.get(i));
                assertThat(h.exec(Cmd.of("stat", "-c", "%a", dest), T).stdout().strip()).isEqualTo("600");
            }
            assertThat(h.exec(Cmd.of("stat", "-c", "%a", dir), T).stdout().strip()).isEqualTo("700");
            assertThat(h.exec(Cmd.of("ls", "-A", dir), T).stdout()).doesNotContain(".part");

            h.exec(Cmd.of("sh", "-c", "echo old > '" + dir + "/stack.toml'; echo torn > '" + files.get(0).remotePath() + "'"), T);
            List<RemoteHost.Upload> again = List.of(new RemoteHost.Upload(kept, dir + "/stack.toml", true), files.get(0));
            assertThat(h.upload(again, T)).containsExactly(files.get(0));
            assertThat(h.exec(Cmd.of("cat", dir + "/stack.toml"), T).stdout()).isEqualTo("old\n");
            assertThat(h.exec(Cmd.of("sha256sum", files.get(0).remotePath()), T).stdout()).startsWith(digests.get(0));
            h.exec(Cmd.of("rm", "-rf", "/var/lib/niso-upload-test"), T);
        }
    }

    @Test
    void aCommandPastItsTimeoutIsCutAndTheSessionStaysUsable(TestFleet fleet) {
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            RemoteHost h = ssh.get(spec(fleet.host(1)));
            assertThatThrownBy(() -> h.exec(Cmd.of("sleep", "30"), Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.TIMEOUT));
            assertThat(h.exec(Cmd.of("true"), T).exitCode()).isZero();
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint(TestFleet fleet, @TempDir Path tmp) throws Exception {
        Path onlyTh1 = tmp.resolve("known_hosts");
        Files.writeString(onlyTh1, fleet.host(1).knownHostsLine() + "\n");
        try (SshRemoteHosts ssh = client(fleet, onlyTh1, false)) {
            assertThat(ssh.get(spec(fleet.host(1))).exec(Cmd.of("true"), T).exitCode()).isZero();
            assertThatThrownBy(() -> ssh.get(spec(fleet.host(2))))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.HOST_KEY))
                    .hasMessageContaining("host key refused").hasMessageContaining("SHA256:");
        }
        assertThat(Files.readString(onlyTh1)).doesNotContain(fleet.host(2).ip());
    }

    @Test
    void aChangedHostKeyIsRefusedEvenWhenNewKeysAreAccepted(TestFleet fleet, @TempDir Path tmp) throws Exception {
        // th1's address with th2's key: what a man in the middle (or a rebuilt host) looks like.
        String th2Key = fleet.host(2).knownHostsLine().split(" ", 2)[1];
        Path wrong = tmp.resolve("known_hosts");
        Files.writeString(wrong, fleet.host(1).ip() + " " + th2Key + "\n");
        try (SshRemoteHosts ssh = client(fleet, wrong, true)) {
            assertThatThrownBy(() -> ssh.get(spec(fleet.host(1))))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.HOST_KEY))
                    .hasMessageContaining("HOST KEY CHANGED");
        }
    }

    @Test
    void acceptNewIsAnExplicitOptInThatRecordsTheKey(TestFleet fleet, @TempDir Path tmp) throws Exception {
        Path known = tmp.resolve("known_hosts");
        Files.writeString(known, "");
        try (SshRemoteHosts ssh = client(fleet, known, true)) {
            assertThat(ssh.get(spec(fleet.host(2))).exec(Cmd.of("true"), T).exitCode()).isZero();
        }
        assertThat(Files.readString(known)).contains(fleet.host(2).ip());
        try (SshRemoteHosts strict = client(fleet, known, false)) {
            assertThat(strict.get(spec(fleet.host(2))).exec(Cmd.of("true"), T).exitCode()).isZero();
        }
    }

    @Test
    void aClosedPortIsAConnectFailure(TestFleet fleet) {
        HostSpec closed = new HostSpec("th1", SshAddress.parse("ssh://root@" + fleet.host(1).ip() + ":2"), Map.of());
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            assertThatThrownBy(() -> ssh.get(closed))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.CONNECT));
        }
    }

    @Test
    void snapshotOverRealSshWithAScriptStandingInForNiso(TestFleet fleet, @TempDir Path tmp) throws Exception {
        // Only the SSH layer is under test here: a shell script prints the contract's status document.
        Path script = tmp.resolve("niso");
        Files.writeString(script, "#!/bin/sh\ncat <<'JSON'\n" + ContractFixtures.read("status.json") + "JSON\n");
        script.toFile().setExecutable(true);
        fleet.host(1).copyIn(script, "/usr/local/bin/niso-stand-in");
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            FleetSnapshot s = new SnapshotCollector(ssh, new NodeCommands("/usr/local/bin/niso-stand-in"), FAST, 4)
                    .collect(List.of(spec(fleet.host(1)), spec(fleet.host(2))));
            assertThat(s.host("th1").orElseThrow()).isInstanceOfSatisfying(HostState.Reachable.class,
                    r -> assertThat(r.status().service("hello-api").orElseThrow().version()).isEqualTo("1.0.0"));
            assertThat(s.host("th2").orElseThrow()).isInstanceOfSatisfying(HostState.Unreachable.class,
                    u -> assertThat(u.reason()).contains("niso is not installed"));
        }
    }

    @Test
    void theDeployLockIsExclusiveOnARealHost(TestFleet fleet) {
        java.time.Clock clock = java.time.Clock.systemUTC();
        try (SshRemoteHosts a = client(fleet, fleet.knownHostsFile(), false);
             SshRemoteHosts b = client(fleet, fleet.knownHostsFile(), false)) {
            online.niso.fleet.lock.FleetLock alice = new online.niso.fleet.lock.FleetLock(a.get(spec(fleet.host(1))), clock,
                    d -> { }, "alice@laptop", pid -> true);
            online.niso.fleet.lock.FleetLock ci = new online.niso.fleet.lock.FleetLock(b.get(spec(fleet.host(1))), clock,
                    d -> { }, "ci@runner", pid -> true);
            var info = new online.niso.fleet.lock.LockInfo("prod", "alice@laptop", 7, java.time.Instant.parse("2026-11-26T10:00:00Z"),
                    "0.1.0", "maintenance");
            assertThat(alice.acquire("demo", info, Duration.ZERO)).isEmpty();
            assertThatThrownBy(() -> ci.acquire("demo", new online.niso.fleet.lock.LockInfo("prod", "ci@runner", 9,
                    java.time.Instant.now(), "0.1.0", ""), Duration.ZERO))
                    .isInstanceOf(online.niso.common.error.UnexpectedStateException.class)
                    .hasMessageContaining("held by alice@laptop (pid 7) since 2026-11-26T10:00:00Z").hasMessageContaining("maintenance");
            assertThat(ci.status("demo", "prod")).contains(info);
            assertThatThrownBy(() -> ci.release("demo", "prod", false)).isInstanceOf(online.niso.common.error.UnexpectedStateException.class);
            assertThat(alice.release("demo", "prod", false)).contains(info);
            assertThat(ci.status("demo", "prod")).isEmpty();
        }
    }

    @Test
    void aJumpHostCarriesTheConnection(TestFleet fleet) {
        SshAddress bastion = SshAddress.parse("ssh://" + fleet.host(1).user() + "@" + fleet.host(1).ip() + ":" + fleet.host(1).sshPort());
        SshOptions o = new SshOptions(List.of(fleet.privateKey()), fleet.knownHostsFile(), Duration.ofSeconds(10), 4, false,
                java.util.Optional.of(bastion), List.of());
        try (SshRemoteHosts ssh = new SshRemoteHosts(o, FAST)) {
            CmdResult r = ssh.get(spec(fleet.host(2))).exec(Cmd.of("sh", "-c", "echo $SSH_CLIENT"), T);
            // th2 sees the connection coming from the bastion th1, not from this machine.
            assertThat(r.stdout()).startsWith(fleet.host(1).ip() + " ");
        }
    }

    /** Post-quantum by default (sntrup761 against Debian 12's OpenSSH 9.2); [ssh] kex_algorithms picks others. */
    @Test
    void theKeyExchangeIsPostQuantumByDefaultAndConfigurable(TestFleet fleet) {
        try (SshRemoteHosts ssh = client(fleet, fleet.knownHostsFile(), false)) {
            assertThat(((SshRemoteHost) ssh.get(spec(fleet.host(1)))).keyExchange()).matches("(sntrup761x25519|mlkem768x25519).*");
        }
        SshOptions classic = new SshOptions(List.of(fleet.privateKey()), fleet.knownHostsFile(), Duration.ofSeconds(10), 4,
                false, java.util.Optional.empty(), List.of("curve25519-sha256"));
        try (SshRemoteHosts ssh = new SshRemoteHosts(classic, FAST)) {
            SshRemoteHost h = (SshRemoteHost) ssh.get(spec(fleet.host(1)));
            assertThat(h.keyExchange()).isEqualTo("curve25519-sha256");
            assertThat(h.exec(Cmd.of("true"), T).exitCode()).isZero();
        }
        assertThatThrownBy(() -> SshRemoteHosts.keyExchanges(List.of("curve25519-sha256", "no-such-kex")))
                .isInstanceOf(online.niso.common.error.InvalidInputException.class)
                .hasMessageContaining("no-such-kex");
    }
}
