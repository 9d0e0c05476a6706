package online.niso.node.activate;

import static online.niso.node.activate.NisoOnHost.niso;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Service definitions on a real host (th1: this build of niso, real systemd, ip, nft): a service named
 * differently from its package, a stack activated service by service with {@code --stack} (db, a oneshot
 * migrate that depends on it, an api that reaches {@code db.niso.local}), readiness ordering in systemd, and a
 * failing oneshot's exit status and journal.
 */
@RequiresRealHosts(tools = {"ip", "nft", "nsenter", "curl"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackActivationRealHostTest {
    private static final Duration LONG = Duration.ofSeconds(180);
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    /** One app, two roles: MODE=db answers "db says hi"; MODE=api answers what it fetched from DB_URL. */
    private static final String APP = """
            import os, urllib.request
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            MODE = os.environ.get("MODE", "db")
            class H(BaseHTTPRequestHandler):
                def do_GET(self):
                    if self.path == "/health" or MODE == "db":
                        body = b"ok\\n" if self.path == "/health" else b"db says hi\\n"
                    else:
                        body = b"api got: " + urllib.request.urlopen(os.environ["DB_URL"], timeout=3).read()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            ThreadingHTTPServer(("0.0.0.0", 8080), H).serve_forever()
            """;
    private static final String APP_MANIFEST = """
            [package]
            name = "stackapp"
            version = "1.0.0"
            [runtime]
            use = "python3:3.11"
            [binary]
            entrypoint = "python3"
            args = ["/app/app.py"]
            [healthcheck]
            http = "http://127.0.0.1:8080/health"
            interval = "1s"
            timeout = "1s"
            retries = 3
            start_period = "5s"
            [copy]
            include = ["app.py"]
            """;
    private static final String JOB = """
            import os, sys
            print("migrating to schema 7, then exiting " + os.environ.get("EXIT_CODE", "0"), flush=True)
            sys.exit(int(os.environ.get("EXIT_CODE", "0")))
            """;
    private static final String JOB_MANIFEST = """
            [package]
            name = "job"
            version = "1.0.0"
            [runtime]
            use = "python3:3.11"
            [binary]
            entrypoint = "python3"
            args = ["/app/job.py"]
            [service]
            type = "oneshot"
            [copy]
            include = ["job.py"]
            """;
    private static final String STACK = """
            [stack]
            name = "demo"

            [[service]]
            name = "db"
            package = "stackapp:1.0.0"
            [service.environment]
            MODE = "db"

            [[service]]
            name = "migrate"
            package = "job:1.0.0"
            [service.depends_on]
            db = "healthy"

            [[service]]
            name = "api"
            package = "stackapp:1.0.0"
            ports = ["18080:8080"]
            [service.depends_on]
            db = "healthy"
            migrate = "completed"
            [service.environment]
            MODE = "api"
            DB_URL = "http://db.niso.local:8080/"

            [[service]]
            name = "broken"
            package = "job:1.0.0"
            [service.environment]
            EXIT_CODE = "3"
            """;
    private static TestFleet fleet;
    private static TestHost th1;

    @TempDir static Path work;

    @BeforeAll
    static void boot() throws IOException {
        fleet = TestFleet.start(1);
        th1 = fleet.host("th1");
        NisoOnHost.install(th1, work);
        NisoOnHost.copyTree(th1, MODULE.resolve("../fleet-examples/apps/hello-api").normalize(), "/srv/hello");
        Path app = Files.createDirectories(work.resolve("app"));
        Files.writeString(app.resolve("app.py"), APP);
        Files.writeString(app.resolve("manifest.toml"), APP_MANIFEST);
        Path job = Files.createDirectories(work.resolve("job"));
        Files.writeString(job.resolve("job.py"), JOB);
        Files.writeString(job.resolve("manifest.toml"), JOB_MANIFEST);
        Path stack = Files.createDirectories(work.resolve("stack"));
        Files.writeString(stack.resolve("stack.toml"), STACK);
        NisoOnHost.copyTree(th1, app, "/srv/app");
        NisoOnHost.copyTree(th1, job, "/srv/job");
        NisoOnHost.copyTree(th1, stack, "/srv/stack");
        niso(th1, "runtime", "add", "python3:3.11", "--from", "/usr/bin/python3").orThrow();
        sh("niso pack /srv/hello --output /srv/out && niso pack /srv/app --output /srv/out"
                + " && niso pack /srv/job --output /srv/out");
        for (String pkg : List.of("stackapp-1.0.0", "job-1.0.0")) {
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
    void aServiceRunsAPackageOfAnotherName() {
        ExecResult r = niso(th1, "activate", "web", "--package", "hello-api", "--from",
                "/srv/out/hello-api-1.0.0-x86_64.niso", "--wait", "--json");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("\"outcome\":\"activated\"", "\"health\":\"healthy\"");
        assertThat(machine("curl", "-sS", "--max-time", "5", "http://" + th1.ip() + ":8080/")).contains("hello from niso");
        assertThat(sh("niso status web --json")).contains("\"package\":\"hello-api\"", "\"unit\":\"niso-web.service\"");
        assertThat(sh("readlink /opt/niso/packages/web/current")).isEqualTo("../hello-api/1.0.0");
        // Nothing depends on web: its readiness unit (another niso JVM) is not run.
        assertThat(sh("systemctl is-active niso-ready@web.service || true")).isEqualTo("inactive");
        // --from with a package the service does not run is refused, naming both.
        ExecResult wrong = niso(th1, "activate", "web", "--from", "/srv/out/job-1.0.0-x86_64.niso");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.stderr()).contains("holds package job, but service web runs package hello-api");
        assertThat(niso(th1, "deactivate", "web").exitCode()).isZero();
    }

    @Test
    @Order(2)
    void aStackIsActivatedServiceByServiceAndTheApiReachesTheDbByName() {
        for (String service : List.of("db", "migrate", "api")) {
            ExecResult r = niso(th1, "activate", service, "--stack", "/srv/stack/stack.toml", "--wait", "--json");
            assertThat(r.exitCode()).as(service + ": " + r.describe()).isZero();
            assertThat(r.stdout()).contains("\"outcome\":\"activated\"");
        }
        assertThat(sh("journalctl -u niso-migrate.service --no-pager -o cat")).contains("migrating to schema 7");
        // The api requires db's and migrate's readiness units: starting it ran db's niso health --await.
        assertThat(sh("systemctl is-active niso-ready@db.service")).isEqualTo("active");
        assertThat(sh("journalctl -u niso-ready@db.service --no-pager -o cat")).contains("db: healthy");
        assertThat(sh("systemctl show -P SubState niso-migrate.service")).isEqualTo("exited");
        assertThat(machine("curl", "-sS", "--max-time", "5", "http://" + th1.ip() + ":18080/"))
                .contains("api got: db says hi");
        assertThat(sh("systemctl show -P Requires niso-api.service")).contains("niso-db.service", "niso-migrate.service");
    }

    @Test
    @Order(3)
    void aDependentStartsOnlyAfterItsDependencysProbePassed() {
        // Stop everything, then start only api: systemd pulls in db, db's readiness unit and migrate
        // (Requires=) and orders them (After=). db's readiness unit turns active only once db's probe passed.
        sh("systemctl stop niso-api.service niso-migrate.service niso-db.service");
        assertThat(NisoOnHost.sh(th1, "systemctl is-active niso-ready@db.service").stdout().strip()).isEqualTo("inactive");
        sh("systemctl start niso-api.service");
        long dbReady = monotonic("niso-ready@db.service", "ActiveEnterTimestampMonotonic");
        long migrateStarted = monotonic("niso-migrate.service", "ExecMainStartTimestampMonotonic");
        long apiStarted = monotonic("niso-api.service", "ExecMainStartTimestampMonotonic");
        long dbMainStarted = monotonic("niso-db.service", "ExecMainStartTimestampMonotonic");
        assertThat(dbMainStarted).isPositive().isLessThan(dbReady);
        assertThat(dbReady).isLessThanOrEqualTo(migrateStarted);
        assertThat(monotonic("niso-migrate.service", "ActiveEnterTimestampMonotonic")).isLessThanOrEqualTo(apiStarted);
        // The readiness check's verdict comes before migrate's job output in the journal.
        String journal = sh("journalctl -u niso-ready@db.service -u niso-migrate.service --no-pager -o cat"
                + " --since=@$(($(date +%s) - 120))");
        assertThat(journal.lastIndexOf("db: healthy")).isNotNegative()
                .isLessThan(journal.lastIndexOf("migrating to schema 7"));
        // `systemctl start` returned when api's process started; its own readiness says when it serves.
        assertThat(sh("niso health api --await --timeout 30s")).contains("api: healthy");
        assertThat(machine("curl", "-sS", "--max-time", "5", "http://" + th1.ip() + ":18080/"))
                .contains("api got: db says hi");
    }

    @Test
    @Order(4)
    void aFailingOneshotReportsItsExitStatusAndJournal() {
        ExecResult r = niso(th1, "activate", "broken", "--stack", "/srv/stack/stack.toml", "--wait", "--json");
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stdout()).contains("\"outcome\":\"failed\"",
                "niso-broken.service (oneshot) exited with status 3", "migrating to schema 7, then exiting 3");
        assertThat(sh("systemctl show -P ExecMainStatus niso-broken.service")).isEqualTo("3");
    }

    @Test
    @Order(5)
    void deactivatingTheStackLeavesNoNamespace() {
        for (String service : List.of("broken", "api", "migrate", "db")) {
            assertThat(niso(th1, "deactivate", service).exitCode()).isZero();
        }
        assertThat(sh("ip netns list")).doesNotContain("niso-");
        assertThat(sh("ls /etc/systemd/system")).doesNotContain("niso-api", "niso-db", "niso-migrate");
    }

    // ---- helpers ----

    private static long monotonic(String unit, String property) {
        return Long.parseLong(sh("systemctl show -P " + property + " " + unit));
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
