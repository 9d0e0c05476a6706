package online.niso.node.activate;

import static online.niso.node.activate.NisoOnHost.niso;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Issue 5 through activation, on real hosts: th1 runs niso (this build) with real systemd, ip and nft; th2 is
 * the outside client. Two activated Python services share niso-default: web-a publishes 8080, web-b's health
 * check is an exec probe (run in web-b's sandbox: its rootfs's /etc/hosts, its namespace) that fetches
 * {@code http://web-a.niso.local:8080/health}, so web-b is healthy only if it reaches web-a by name. One fleet
 * for the class; the tests run in order (activate, score, upgrade/rollback, reboot, deactivate).
 */
@RequiresRealHosts(tools = {"ip", "nft", "nsenter", "curl", "systemd-analyze"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivatedNetworkingRealHostTest {
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static TestFleet fleet;
    private static TestHost th1;
    private static TestHost th2;

    @TempDir static Path work;

    @BeforeAll
    static void boot() {
        fleet = TestFleet.start(2);
        th1 = fleet.host("th1");
        th2 = fleet.host("th2");
        NisoOnHost.install(th1, work);
        NisoOnHost.copyTree(th1, MODULE.resolve("../fleet-examples/apps/hello-api").normalize(), "/srv/a");
        NisoOnHost.copyTree(th1, MODULE.resolve("../fleet-examples/apps/hello-api").normalize(), "/srv/b");
        niso(th1, "runtime", "add", "python3:3.11", "--from", "/usr/bin/python3").orThrow();
        sh("cd /srv/a && sed -i 's/^name = .*/name = \"web-a\"/' manifest.toml && niso pack . --output /srv/out"
                + " && sed -i 's/^version = .*/version = \"2.0.0\"/; s/^PORT = .*/PORT = \"8080\"\\nAPP_VERSION = \"2.0.0\"/'"
                + " manifest.toml && niso pack . --output /srv/out");
        // web-b: nothing published; healthy only when web-a answers by name from inside web-b's sandbox. The
        // exec probe starts a sandboxed python3 (about a second on this 2-core machine while other niso JVMs
        // run, e.g. readiness units): 3 s, not the app's 1 s, so a single `niso health` is not a coin toss.
        sh("cd /srv/b && sed -i 's/^name = .*/name = \"web-b\"/; s/^timeout = .*/timeout = \"3s\"/; s/^interval = .*/interval = \"3s\"/; /^ports = /d; s#^http = .*#exec = [\"/usr/bin/python3\","
                + " \"-c\", \"import urllib.request as u; u.urlopen(\\\\\"http://web-a.niso.local:8080/health\\\\\","
                + " timeout=2)\"]#' manifest.toml && niso pack . --output /srv/out");
        for (String pkg : List.of("web-a-1.0.0", "web-a-2.0.0", "web-b-1.0.0")) {
            niso(th1, "install", "/srv/out/" + pkg + "-x86_64.niso").orThrow();
        }
    }

    @AfterAll
    static void shutdown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void activatedServicesReachEachOtherByNameAndPublishedPortsAnswer() {
        assertThat(activate("web-a", "1.0.0")).contains("healthy");
        assertThat(activate("web-b", "1.0.0")).contains("healthy");

        assertThat(sh("cat /opt/niso/services/web-b/current/rootfs/etc/hosts"))
                .containsPattern("10\\.99\\.0\\.\\d+ web-a\\.niso\\.local").contains("web-b.niso.local");
        // web-a's hosts file was rewritten when web-b came.
        assertThat(sh("cat /opt/niso/services/web-a/current/rootfs/etc/hosts")).contains("web-b.niso.local");
        assertThat(sh("systemctl show -P NetworkNamespacePath niso-web-a.service")).isEqualTo("/run/netns/niso-web-a");
        assertThat(sh("niso health web-b")).contains("healthy");

        assertThat(th2.ssh("curl -sS --max-time 5 http://" + th1.ip() + ":8080/").orThrow().stdout())
                .contains("hello from niso");
        assertThat(machine("curl", "-sS", "--max-time", "5", "http://" + th1.ip() + ":8080/"))
                .contains("hello from niso");
        assertThat(sh("curl -sS --max-time 5 http://127.0.0.1:8080/")).contains("hello from niso");
        assertThat(sh("systemctl is-active niso-network.service")).isEqualTo("active");
    }

    @Test
    @Order(2)
    void securityScoreWithItsOwnNamespace() {
        String out = sh("systemd-analyze security --no-pager niso-web-a.service 2>&1 | tail -n 3");
        Matcher m = Pattern.compile("Overall exposure level for niso-web-a\\.service: (\\d+\\.\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        double score = Double.parseDouble(m.group(1));
        System.out.println("systemd-analyze security niso-web-a.service (own netns, server preset): " + score);
        assertThat(score).isLessThanOrEqualTo(1.5);
    }

    @Test
    @Order(3)
    void upgradeAndRollbackKeepTheAddress() {
        String ip = address("web-a");
        assertThat(activate("web-a", "2.0.0")).contains("healthy");
        assertThat(address("web-a")).isEqualTo(ip);
        assertThat(th2.ssh("curl -sS --max-time 5 http://" + th1.ip() + ":8080/").orThrow().stdout())
                .contains("2.0.0");
        ExecResult back = niso(th1, "rollback", "web-a", "--wait");
        assertThat(back.exitCode()).as(back.describe()).isZero();
        assertThat(address("web-a")).isEqualTo(ip);
        assertThat(th2.ssh("curl -sS --max-time 5 http://" + th1.ip() + ":8080/").orThrow().stdout())
                .contains("1.0.0");
        // web-b still reaches web-a by name (its probe runs in web-b's sandbox).
        assertThat(sh("niso health web-b")).contains("healthy");
    }

    @Test
    @Order(4)
    void afterARebootServicesAndPublishedPortsComeBack() {
        th1.reboot();
        th1.waitUntilRunning(LONG);
        assertThat(sh("systemctl is-active niso-network.service niso-web-a.service niso-web-b.service"))
                .isEqualTo("active\nactive\nactive");
        String page = "";
        for (int i = 0; i < 50 && !page.contains("hello from niso"); i++) {
            ExecResult r = th2.ssh("curl -sS --max-time 2 http://" + th1.ip() + ":8080/");
            page = r.ok() ? r.stdout() : "";
            if (page.isEmpty()) {
                sh("sleep 0.2");
            }
        }
        assertThat(page).contains("hello from niso");
        ExecResult health = NisoOnHost.sh(th1, "for i in $(seq 30); do niso health web-b && exit 0; sleep 1; done;"
                + " exit 1");
        assertThat(health.exitCode()).as(health.describe()).isZero();
    }

    @Test
    @Order(5)
    void deactivatingEverythingLeavesNoVethNamespaceOrRule() {
        assertThat(niso(th1, "deactivate", "web-b").exitCode()).isZero();
        // web-a's hosts file loses web-b.
        assertThat(sh("cat /opt/niso/services/web-a/current/rootfs/etc/hosts")).doesNotContain("web-b");
        assertThat(niso(th1, "deactivate", "web-a").exitCode()).isZero();

        assertThat(sh("ip -o link show type veth")).doesNotContain("nisov");
        assertThat(sh("ip netns list")).doesNotContain("niso-");
        assertThat(sh("nft list tables")).doesNotContain("inet niso");
        // The default network exists until... always (it cannot be removed): its bridge, empty, stays.
        assertThat(sh("bridge link show")).doesNotContain("nisov");
    }

    // ---- helpers ----

    private static String activate(String name, String version) {
        ExecResult r = niso(th1, "activate", name, version, "--wait", "--json");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }

    private static String address(String service) {
        return sh("ip -n niso-" + service + " -4 -o addr show dev eth0 | awk '{print $4}'");
    }

    private static String sh(String line) {
        ExecResult r = th1.exec(LONG, "sh", "-c", line);
        assertThat(r.exitCode()).as("th1: %s%n%s", line, r.describe()).isZero();
        return r.stdout().strip();
    }

    private static String machine(String... argv) {
        CmdResult r = new LocalProcessRunner().run(Cmd.of(List.of(argv)), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }
}
