package online.niso.node.activate;

import static online.niso.node.activate.NisoOnHost.niso;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.node.runtime.RuntimeCollector;
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
 * Issue 6 on a real host: th1 runs niso (this build) with real systemd, ip and nft. The stack (resources
 * stack-apps/shop) is db = this machine's own redis-server packaged with its shared-library closure (a named volume
 * for its AOF), migrate = a Python oneshot that writes into redis by name, api = a Python HTTP api publishing 8080
 * that reads redis by name. Tests run in order on one host: up, upgrade to an unhealthy version, reboot, down and
 * up again on the kept volume, a failing migrate.
 */
@RequiresRealHosts(tools = {"ip", "nft", "nsenter", "curl", "ldd"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackRealHostTest {
    private static final Duration LONG = Duration.ofSeconds(180);
    private static final Path APPS = Path.of(System.getProperty("user.dir")).resolve("src/test/resources/stack-apps/shop");
    /** Debian's redis-server is this binary (redis-tools) under another name; it picks its role from argv[0]. */
    private static final Path REDIS = Path.of("/usr/bin/redis-check-rdb");
    private static TestFleet fleet;
    private static TestHost th1;
    private static int hitsBeforeDown;

    @TempDir static Path work;

    @BeforeAll
    static void boot() throws IOException {
        Path apps = work.resolve("apps");
        Files.createDirectories(apps.resolve("api"));
        Files.copy(APPS.resolve("app.py"), apps.resolve("api/app.py"));
        Files.copy(APPS.resolve("api.toml"), apps.resolve("api/manifest.toml"));
        redisPackageDir(apps.resolve("db"));
        Files.copy(APPS.resolve("stack.toml"), apps.resolve("stack.toml"));
        String failing = Files.readString(APPS.resolve("stack.toml")).replace("EXIT_CODE = \"0\"", "EXIT_CODE = \"3\"");
        assertThat(failing).contains("EXIT_CODE = \"3\"");
        Files.writeString(apps.resolve("stack-failing.toml"), failing);

        fleet = TestFleet.start(1);
        th1 = fleet.host("th1");
        NisoOnHost.install(th1, work);
        NisoOnHost.copyTree(th1, apps, "/srv/shop");
        niso(th1, "runtime", "add", "python3:3.11", "--from", "/usr/bin/python3").orThrow();
        sh("cd /srv/shop/db && niso pack . --output /srv/out"
                + " && cd /srv/shop/api && niso pack . --output /srv/out"
                + " && sed -i 's/^version = .*/version = \"2.0.0\"/; s/^APP_VERSION = .*/APP_VERSION = \"2.0.0\"/;"
                + " s/^HEALTHY = .*/HEALTHY = \"no\"/' manifest.toml && niso pack . --output /srv/out"
                + " && for f in /srv/out/*.niso; do niso install \"$f\" >/dev/null || exit 1; done");
    }

    /** bin/redis-server + every library of its ldd closure (dereferenced, under the names ldd gives) in lib/. */
    static void redisPackageDir(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(REDIS, dir.resolve("bin/redis-server"));
        Set<Path> closure = new RuntimeCollector(new LocalProcessRunner()).collect(REDIS, List.of());
        for (Path p : closure) {
            String name = p.getFileName().toString();
            if (name.contains(".so") && !Files.exists(dir.resolve("lib").resolve(name))) {
                Files.copy(p, dir.resolve("lib").resolve(name)); // follows symlinks: the library itself
            }
        }
        assertThat(dir.resolve("lib/ld-linux-x86-64.so.2")).exists();
        Files.copy(APPS.resolve("db.toml"), dir.resolve("manifest.toml"));
    }

    @AfterAll
    static void shutdown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void upStartsDbThenMigrateThenApiAndTheApiServesDataFromRedisByName() {
        long t0 = System.nanoTime();
        ExecResult up = niso(th1, "stack", "up", "-f", "/srv/shop/stack.toml");
        System.out.printf("niso stack up (3 services, first time): %d ms%n%s", (System.nanoTime() - t0) / 1_000_000,
                up.stdout());
        assertThat(up.exitCode()).as(up.describe()).isZero();
        assertThat(up.stdout()).containsPattern("network backend created \\(10\\.99\\.1\\.0/24\\)\n"
                + "db started \\(healthy in [0-9.]+s\\)\n"
                + "migrate completed \\(exit 0\\)\n"
                + "api started \\(healthy in [0-9.]+s\\)\n");
        String page = machineCurl();
        assertThat(page).contains("hello from redis").contains("migrations: 1").contains("version: 1.0.0");
        assertThat(sh("ip link show niso-backend")).contains("niso-backend");

        t0 = System.nanoTime();
        ExecResult again = niso(th1, "stack", "up", "-f", "/srv/shop/stack.toml");
        System.out.printf("niso stack up (nothing to do): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(again.stdout()).isEqualTo("stack shop: nothing to do (3 services unchanged)\n");

        String status = sh("niso stack status -f /srv/shop/stack.toml");
        System.out.println(status);
        assertThat(status).startsWith("SERVICE  STATUS     HEALTH   UPTIME  VERSION")
                .containsPattern("db +active +healthy +\\d+[sm] +7\\.0\\.15")
                .containsPattern("migrate +completed +exit 0 +\\d+[sm] +1\\.0\\.0")
                .containsPattern("api +active +healthy +\\d+[sm] +1\\.0\\.0");
        assertThat(sh("niso stack logs --stack shop -n 200")).contains("[migrate]").contains("migration 1 done")
                .contains("[db]").contains("[api]");
        assertThat(niso(th1, "stack", "wait", "api", "--stack", "shop", "--timeout", "10s").exitCode()).isZero();
    }

    @Test
    @Order(2)
    void upgradingTheApiToAVersionWhoseHealthCheckFailsLeavesTheOldOneServing() {
        ExecResult up = niso(th1, "stack", "upgrade", "api", "2.0.0", "-f", "/srv/shop/stack.toml", "--timeout", "20s");
        assertThat(up.exitCode()).as(up.describe()).isEqualTo(1);
        assertThat(up.stdout()).startsWith("api failed and was rolled back:");
        assertThat(machineCurl()).contains("version: 1.0.0");
        assertThat(sh("niso stack status --stack shop")).containsPattern("api +active +healthy +\\S+ +1\\.0\\.0");
    }

    @Test
    @Order(3)
    void afterARebootTheStackComesBack() {
        th1.reboot();
        th1.waitUntilRunning(LONG);
        ExecResult waited = niso(th1, "stack", "wait", "api", "--stack", "shop", "--timeout", "60s");
        assertThat(waited.exitCode()).as(waited.describe()).isZero();
        assertThat(machineCurl()).contains("hello from redis");
        assertThat(sh("niso stack status --stack shop")).containsPattern("db +active +healthy")
                .containsPattern("migrate +completed +exit 0").containsPattern("api +active +healthy");
    }

    /** Runs right after the reboot of {@link #afterARebootTheStackComesBack}. */
    @Test
    @Order(4)
    void afterTheRebootServicesStartedInDependencyOrder() {
        long db = monotonic("niso-db.service", "ActiveEnterTimestampMonotonic");
        long migrateStart = monotonic("niso-migrate.service", "ExecMainStartTimestampMonotonic");
        long migrateExit = monotonic("niso-migrate.service", "ExecMainExitTimestampMonotonic");
        long api = monotonic("niso-api.service", "ExecMainStartTimestampMonotonic");
        assertThat(migrateStart).as("migrate ran after db was active").isGreaterThanOrEqualTo(db);
        assertThat(api).as("api started after migrate completed").isGreaterThanOrEqualTo(migrateExit);
    }

    @Test
    @Order(5)
    void downRemovesEverythingButTheVolumeAndUpAgainReusesItsData() {
        String before = machineCurl();
        hitsBeforeDown = count("hits", before);
        int migrationsBefore = count("migrations", before);
        ExecResult down = niso(th1, "stack", "down", "--stack", "shop");
        System.out.println(down.stdout());
        assertThat(down.exitCode()).as(down.describe()).isZero();
        assertThat(down.stdout()).contains("api stopped and removed").contains("network backend removed")
                .contains("volumes kept");
        assertThat(sh("ls /etc/systemd/system")).doesNotContain("niso-api").doesNotContain("niso-db")
                .doesNotContain("niso-migrate");
        assertThat(sh("ip -o link show type veth; ip netns list; ip link show niso-backend 2>&1 || true"))
                .doesNotContain("nisov").doesNotContain("niso-db").contains("does not exist");
        assertThat(sh("ls /var/lib/niso/stacks/shop/volumes/data")).contains("appendonlydir");

        ExecResult up = niso(th1, "stack", "up", "-f", "/srv/shop/stack.toml");
        assertThat(up.exitCode()).as(up.describe()).isZero();
        String page = machineCurl();
        assertThat(count("hits", page)).as("hit counter continues from the kept volume").isGreaterThan(hitsBeforeDown);
        // the job ran once more (it also ran at boot: an enabled oneshot), on the same data
        assertThat(count("migrations", page)).isEqualTo(migrationsBefore + 1);
    }

    @Test
    @Order(6)
    void aFailingMigrationStopsUpBeforeTheApiStarts() {
        assertThat(niso(th1, "stack", "down", "--stack", "shop", "--volumes").exitCode()).isZero();
        assertThat(sh("ls /var/lib/niso/stacks/ /var/lib/niso/volumes/ 2>/dev/null || true")).doesNotContain("shop")
                .doesNotContain("db");
        ExecResult up = niso(th1, "stack", "up", "-f", "/srv/shop/stack-failing.toml");
        System.out.println(up.stdout());
        assertThat(up.exitCode()).as(up.describe()).isEqualTo(1);
        assertThat(up.stdout()).contains("db started (healthy in").contains("migrate failed (exit 3): the job exited with status 3")
                .contains("migration failed: schema version conflict (exit 3)").contains("not started: api")
                .doesNotContain("api started");
        assertThat(sh("systemctl is-active niso-api.service || true")).isNotEqualTo("active");
        // the failed job stays current (a job is not undone) and is reported as failed; api was never started
        ExecResult json = niso(th1, "stack", "status", "--stack", "shop", "--json");
        assertThat(json.stdout()).contains("\"service\":\"db\"").doesNotContain("\"service\":\"api\"");
        assertThat(sh("niso stack status --stack shop")).containsPattern("migrate +failed +exit 3");
        assertThat(niso(th1, "stack", "down", "--stack", "shop", "--volumes").exitCode()).isZero();
        assertThat(sh("nft list tables")).doesNotContain("inet niso");
    }

    // ---- helpers ----

    private static int count(String what, String page) {
        Matcher m = Pattern.compile(what + ": (\\d+)").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static long monotonic(String unit, String property) {
        return Long.parseLong(sh("systemctl show -P " + property + " " + unit));
    }

    private static String machineCurl() {
        CmdResult r = new LocalProcessRunner().run(Cmd.of("curl", "-sS", "--max-time", "5",
                "http://" + th1.ip() + ":8080/"), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }

    private static String sh(String line) {
        ExecResult r = th1.exec(LONG, "sh", "-c", line);
        assertThat(r.exitCode()).as("th1: %s%n%s", line, r.describe()).isZero();
        return r.stdout().strip();
    }
}
