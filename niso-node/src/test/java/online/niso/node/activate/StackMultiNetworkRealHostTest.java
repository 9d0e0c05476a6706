package online.niso.node.activate;

import static online.niso.node.activate.NisoOnHost.niso;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.testinfra.hosts.ExecResult;
import online.niso.testinfra.hosts.TestFleet;
import online.niso.testinfra.hosts.TestHost;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's multi-network gap on a real host: th1 runs niso (this build) with real systemd, ip and nft. The stack
 * (resources stack-apps/multinet) runs one small Python relay as db (backend), api (backend + frontend, publishes
 * 8080) and web (frontend, publishes 8081); each answers {@code /fetch?url=} by fetching the URL itself, so what
 * it reaches is decided by its own namespace, routes, nft table and hosts file. In order: up, isolation, reboot,
 * down.
 */
@RequiresRealHosts(tools = {"ip", "nft", "nsenter", "curl"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackMultiNetworkRealHostTest {
    private static final Duration LONG = Duration.ofSeconds(180);
    private static final Path APP = Path.of(System.getProperty("user.dir")).resolve("src/test/resources/stack-apps/multinet");
    private static TestFleet fleet;
    private static TestHost th1;

    @TempDir static Path work;

    @BeforeAll
    static void boot() {
        fleet = TestFleet.start(1);
        th1 = fleet.host("th1");
        NisoOnHost.install(th1, work);
        NisoOnHost.copyTree(th1, APP, "/srv/multinet");
        niso(th1, "runtime", "add", "python3:3.11", "--from", "/usr/bin/python3").orThrow();
        sh("cd /srv/multinet && niso pack . --output /srv/out && niso install /srv/out/relay-1.0.0-x86_64.niso");
        withoutBridgeNetfilter();
    }

    /**
     * niso must not rely on br_netfilter (a machine-wide module it never loads), but this machine has it loaded,
     * which sends bridged traffic through th1's nft hooks and would hide a reply that bypasses the host's NAT.
     * The switch is per network namespace: this turns it off for th1 only.
     */
    private static void withoutBridgeNetfilter() {
        sh("f=/proc/sys/net/bridge/bridge-nf-call-iptables; if [ -e $f ]; then echo 0 > $f; cat $f; fi");
    }

    @AfterAll
    static void shutdown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void upAttachesApiToBothNetworksWithBackendAsItsPrimary() {
        ExecResult up = niso(th1, "stack", "up", "-f", "/srv/multinet/stack.toml");
        System.out.println(up.stdout());
        assertThat(up.exitCode()).as(up.describe()).isZero();
        assertThat(up.stdout()).contains("network backend created (10.99.1.0/24)")
                .contains("network frontend created (10.99.2.0/24)").contains("api started (healthy in")
                .contains("web started (healthy in");

        assertThat(sh("ip -n niso-api -4 -o addr show | awk '{print $2, $4}'"))
                .containsPattern("eth0 10\\.99\\.1\\.\\d+/24").containsPattern("eth1 10\\.99\\.2\\.\\d+/24");
        assertThat(sh("ip -n niso-api route show default")).startsWith("default via 10.99.1.1 dev eth0");
        assertThat(sh("bridge link show")).contains("master niso-backend").contains("master niso-frontend");

        // published port of api: from inside th1 and from this machine
        assertThat(sh("curl -sS --max-time 5 http://127.0.0.1:8080/")).isEqualTo("api");
        assertThat(machineCurl(th1.ip() + ":8080/")).isEqualTo("api");

        long t0 = System.nanoTime();
        ExecResult again = niso(th1, "stack", "up", "-f", "/srv/multinet/stack.toml");
        System.out.printf("niso stack up (nothing to do, api on 2 networks): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(again.stdout()).isEqualTo("stack multinet: nothing to do (3 services unchanged)\n");
    }

    @Test
    @Order(2)
    void apiReachesDbAndWebReachesApiByNameButWebCannotReachDb() {
        assertReachable();

        String dbIp = address("db", "eth0");
        String apiFrontIp = address("api", "eth1");
        assertThat(sh("cat /opt/niso/services/web/current/rootfs/etc/hosts")).doesNotContain("db.niso.local")
                .contains(apiFrontIp + " api.niso.local");
        assertThat(sh("cat /opt/niso/services/db/current/rootfs/etc/hosts")).doesNotContain("web.niso.local")
                .containsPattern("10\\.99\\.1\\.\\d+ api\\.niso\\.local");
        // by address, so a missing hosts entry is not what stops it: db's table drops frontend, api's does not.
        // web -> api's backend address takes the same routed path (frontend bridge, host, backend bridge) as
        // web -> db and works: only db's own ingress rule stops web.
        assertThat(fetch(8080, "http://" + dbIp + ":8080/")).as("api -> db by address").isEqualTo("ok: db");
        assertThat(fetch(8081, "http://" + address("api", "eth0") + ":8080/")).as("web -> api's backend address")
                .isEqualTo("ok: api");
        // api's published port through the host's address, from web on api's secondary network: DNAT goes to
        // api's backend address, and the reply must come back through the host (cross-network hairpin).
        assertThat(fetch(8081, "http://" + th1.ip() + ":8080/")).as("web -> host:8080 -> api").isEqualTo("ok: api");
        String blocked = fetch(8081, "http://" + dbIp + ":8080/");
        System.out.println("web -> db " + dbIp + ": " + blocked);
        assertThat(blocked).as("web -> db by address").startsWith("error:");
        assertThat(fetch(8081, "http://db.niso.local:8080/")).as("web -> db by name").startsWith("error:");
    }

    @Test
    @Order(3)
    void afterARebootEveryLinkIsRestored() {
        th1.reboot();
        th1.waitUntilRunning(LONG);
        withoutBridgeNetfilter();
        ExecResult waited = niso(th1, "stack", "wait", "web", "--stack", "multinet", "--timeout", "60s");
        assertThat(waited.exitCode()).as(waited.describe()).isZero();
        assertThat(sh("ip -n niso-api -4 -o addr show | awk '{print $2}'")).contains("eth0").contains("eth1");
        assertReachable();
        assertThat(fetch(8081, "http://" + th1.ip() + ":8080/")).isEqualTo("ok: api");
        assertThat(fetch(8081, "http://" + address("db", "eth0") + ":8080/")).startsWith("error:");
    }

    @Test
    @Order(4)
    void downLeavesNoVethNamespaceBridgeOrRuleOfTheStack() {
        ExecResult down = niso(th1, "stack", "down", "--stack", "multinet");
        System.out.println(down.stdout());
        assertThat(down.exitCode()).as(down.describe()).isZero();
        assertThat(down.stdout()).contains("network backend removed").contains("network frontend removed");
        assertThat(sh("ip -o link show type veth")).doesNotContain("nisov");
        assertThat(sh("ip netns list")).doesNotContain("niso-");
        assertThat(sh("nft list tables")).doesNotContain("inet niso");
        assertThat(sh("ip -o link show")).doesNotContain("niso-backend").doesNotContain("niso-frontend");
    }

    // ---- helpers ----

    private static void assertReachable() {
        assertThat(fetch(8080, "http://db.niso.local:8080/")).as("api -> db by name").isEqualTo("ok: db");
        assertThat(fetch(8081, "http://api.niso.local:8080/")).as("web -> api by name").isEqualTo("ok: api");
        assertThat(fetch(8080, "http://web.niso.local:8080/")).as("api -> web by name").isEqualTo("ok: web");
    }

    /** What the service publishing {@code port} answers when asked to fetch {@code url} itself. */
    private static String fetch(int port, String url) {
        return sh("curl -sS --max-time 10 'http://127.0.0.1:" + port + "/fetch?url=" + url + "'");
    }

    private static String address(String service, String iface) {
        return sh("ip -n niso-" + service + " -4 -o addr show dev " + iface + " | awk '{print $4}' | cut -d/ -f1");
    }

    private static String machineCurl(String hostPortPath) {
        CmdResult r = new LocalProcessRunner().run(Cmd.of("curl", "-sS", "--max-time", "5", "http://" + hostPortPath),
                Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout().strip();
    }

    private static String sh(String line) {
        ExecResult r = th1.exec(LONG, "sh", "-c", line);
        assertThat(r.exitCode()).as("th1: %s%n%s", line, r.describe()).isZero();
        return r.stdout().strip();
    }
}
