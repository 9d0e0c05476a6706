package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's acceptance: three real hosts, checked over real SSH with strict host keys; a hardened transient unit;
 * an nft DNAT rule on one host forwarding to another; teardown leaves nothing on the machine.
 */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "setsid", "flock", "ssh", "ssh-keygen", "nft"})
class TestFleetAcceptanceTest {

    private static MachineSnapshot before;
    private static TestFleet fleet;

    @BeforeAll
    static void boot() {
        before = MachineSnapshot.take();
        fleet = TestFleet.start(3);
    }

    @AfterAll
    static void tearDownLeavesNothing() {
        if (fleet == null) {
            return;
        }
        fleet.close();
        assertThat(before.diff(MachineSnapshot.take())).as("left on the machine after teardown").isEmpty();
        assertThat(fleet.runDir()).doesNotExist();
    }

    @Test
    void everyHostIsRunningOverSshWithStrictHostKeys() {
        for (TestHost h : fleet.hosts()) {
            ExecResult r = h.ssh("systemctl is-system-running");
            if (!r.stdout().strip().equals("running")) {
                // Say why, so the cause gets fixed in the tree instead of "degraded" being accepted.
                System.err.println(h.name() + " failed units:\n" + h.exec("systemctl", "--failed", "--no-legend").stdout());
            }
            assertThat(r.stdout().strip()).as(h.name() + ": " + r.describe()).isEqualTo("running");
            assertThat(h.ssh("hostname").orThrow().stdout().strip()).isEqualTo(h.name());
        }
    }

    @Test
    void sshConfigAndKnownHostsAreStrictAndCoverEveryHost() throws Exception {
        String config = Files.readString(fleet.sshConfig());
        assertThat(config).contains("StrictHostKeyChecking yes", "UserKnownHostsFile " + fleet.knownHostsFile(),
                "IdentityFile " + fleet.privateKey(), "PasswordAuthentication no");
        for (TestHost h : fleet.hosts()) {
            assertThat(config).contains("Host " + h.name() + "\n  HostName " + h.ip() + "\n");
            String hostKey = h.exec("cat", "/etc/ssh/ssh_host_ed25519_key.pub").orThrow().stdout();
            String[] keyFields = hostKey.strip().split(" ");
            assertThat(h.knownHostsLine()).isEqualTo(h.name() + "," + h.ip() + " " + keyFields[0] + " " + keyFields[1]);
        }
    }

    @Test
    void hostsHaveTheirOwnIdentityIpAndResolverSetup() {
        Set<String> machineIds = new HashSet<>();
        Set<String> hostKeys = new HashSet<>();
        for (TestHost h : fleet.hosts()) {
            assertThat(h.exec("hostname").orThrow().stdout().strip()).isEqualTo(h.name());
            machineIds.add(h.exec("cat", "/etc/machine-id").orThrow().stdout().strip());
            hostKeys.add(h.knownHostsLine().split(" ", 2)[1]);
            assertThat(h.exec("ip", "-4", "-o", "addr", "show", "eth0").orThrow().stdout()).contains(h.ip() + "/24");
            assertThat(h.exec("cat", "/etc/resolv.conf").orThrow().stdout().strip()).isEqualTo("nameserver 127.0.0.1");
            // No route leaves the test network: hosts can talk only to each other and the machine.
            assertThat(h.exec("ip", "route", "show", "default").orThrow().stdout()).isBlank();
            for (TestHost other : fleet.hosts()) {
                assertThat(h.exec("getent", "hosts", other.name()).orThrow().stdout()).startsWith(other.ip() + " ");
            }
        }
        assertThat(machineIds).hasSize(3).allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(hostKeys).hasSize(3);
    }

    @Test
    void everyHostReachesAServerTheTestBindsOnTheMachinesBridgeAddress() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket()) {
            server.bind(new java.net.InetSocketAddress(fleet.machineIp(), 0));
            Thread acceptor = new Thread(() -> {
                for (int i = 0; i < fleet.hosts().size(); i++) {
                    try (java.net.Socket s = server.accept()) {
                        s.getOutputStream().write("hello from the machine\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            for (TestHost h : fleet.hosts()) {
                ExecResult r = h.exec("nc", "-w", "5", fleet.machineIp(), Integer.toString(server.getLocalPort()));
                assertThat(r.stdout()).as(h + ": " + r.describe()).isEqualTo("hello from the machine\n");
            }
            acceptor.join(10_000);
        }
    }

    @Test
    void copyInWritesTheFileWithItsModeAtomically(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("probe.sh");
        Files.writeString(script, "#!/bin/sh\necho probe-ran\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        TestHost h = fleet.host(3);
        h.copyIn(script, "/usr/local/bin/niso-probe");
        assertThat(h.exec("stat", "-c", "%a", "/usr/local/bin/niso-probe").orThrow().stdout().strip()).isEqualTo("750");
        assertThat(h.ssh("niso-probe").orThrow().stdout()).isEqualTo("probe-ran\n");
        assertThat(h.exec("sh", "-c", "ls /usr/local/bin | grep -c niso-copy || true").stdout().strip()).isEqualTo("0");
    }

    @Test
    void javaSeventeenRunsInsideOverSsh() {
        ExecResult r = fleet.host(2).ssh("java -version");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains("version \"17.");
    }

    @Test
    void hardenedTransientUnitRunsWithDynamicUserPrivateDevicesAndReadOnlySystem() {
        ExecResult r = fleet.host(1).ssh("systemd-run --wait --pipe --quiet -p DynamicUser=yes -p PrivateDevices=yes"
                + " -p ProtectSystem=strict -p NoNewPrivileges=yes --unit=niso-hardened-probe"
                + " sh -c 'echo uid=$(id -u); ls /dev; touch /usr/niso-probe 2>/dev/null && echo usr-writable || echo usr-read-only'");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        String uid = r.stdout().lines().filter(l -> l.startsWith("uid=")).findFirst().orElseThrow();
        assertThat(Integer.parseInt(uid.substring(4))).isGreaterThan(60000); // a dynamic user, not root
        assertThat(r.stdout()).contains("usr-read-only", "null").doesNotContain("usr-writable", "console");
        assertThat(fleet.host(1).exec("test", "-e", "/usr/niso-probe").exitCode()).isNotZero();
    }

    @Test
    void dnatOnOneHostReachesAServerOnAnother(@TempDir Path tmp) throws Exception {
        TestHost gateway = fleet.host(1);
        TestHost server = fleet.host(2);
        TestHost client = fleet.host(3);
        Path page = tmp.resolve("index.html");
        Files.writeString(page, "served by th2\n");
        server.exec("mkdir", "-p", "/srv/www").orThrow();
        server.copyIn(page, "/srv/www/index.html");
        server.exec("systemd-run", "--unit=niso-web", "python3", "-m", "http.server", "80", "--bind", server.ip(),
                "--directory", "/srv/www").orThrow();
        server.exec("sh", "-c", "for i in $(seq 100); do nc -z " + server.ip() + " 80 && exit 0; sleep 0.1; done; exit 1")
                .orThrow();

        String ruleset = "table ip niso_it {\n"
                + "  chain prerouting { type nat hook prerouting priority dstnat; tcp dport 8080 dnat to "
                + server.ip() + ":80; }\n"
                + "  chain postrouting { type nat hook postrouting priority srcnat; ip daddr " + server.ip()
                + " tcp dport 80 masquerade; }\n"
                + "}\n";
        Path rules = tmp.resolve("dnat.nft");
        Files.writeString(rules, ruleset);
        gateway.copyIn(rules, "/etc/niso-dnat.nft");
        gateway.ssh("sysctl -q -w net.ipv4.ip_forward=1 && nft -f /etc/niso-dnat.nft").orThrow();

        ExecResult viaGateway = client.ssh("curl -sS --max-time 10 http://" + gateway.ip() + ":8080/");
        assertThat(viaGateway.exitCode()).as(viaGateway.describe()).isZero();
        assertThat(viaGateway.stdout()).isEqualTo("served by th2\n");
        // Control: nothing listens on 8080 anywhere, so only the DNAT rule can have answered.
        assertThat(client.ssh("curl -sS --max-time 5 http://" + server.ip() + ":8080/").exitCode()).isNotZero();
        // The server saw the gateway (masquerade), and the rule lives only in the gateway's namespace.
        assertThat(server.journal("niso-web")).contains(gateway.ip());
        assertThat(client.exec("nft", "list", "ruleset").orThrow().stdout()).doesNotContain("niso_it");
    }
}
