package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.config.StackParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Stack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack's services activated one by one on a fake systemd: overrides, depends_on, readiness, oneshot, volumes. */
class StackActivationTest {
    static final ActivationService.Options WAIT = ActivationServiceTest.WAIT;
    static final String STACK = """
            [stack]
            name = "shop"

            [networks]
            backend = { subnet = "10.99.1.0/24" }

            [[service]]
            name = "db"
            package = "kv:7.0.0"
            networks = ["backend"]
            [service.volumes]
            data = { mount = "/data", exclusive = true }

            [[service]]
            name = "migrate"
            package = "kv-tools:1.0.0"
            networks = ["backend"]
            type = "oneshot"
            [service.depends_on]
            db = "healthy"
            [service.volumes]
            shared = { mount = "/shared" }

            [[service]]
            name = "api"
            package = "hello-api:1.0.0"
            networks = ["backend"]
            ports = ["18080:8080"]
            [service.depends_on]
            db = "healthy"
            migrate = "completed"
            cache = "started"
            [service.environment]
            PORT = "8080"
            DB_HOST = "db.niso.local"
            [service.binary]
            args = ["--port", "8080", "--db", "db.niso.local"]
            [service.volumes]
            shared = { mount = "/shared", mode = "ro" }

            [[service]]
            name = "cache"
            package = "kv:7.0.0"
            """;

    @TempDir Path root;
    TestHostFixture host;
    ActivationService niso;
    Stack stack;

    @BeforeEach
    void setUp() {
        host = new TestHostFixture(root);
        niso = host.service();
        host.install("kv", "7.0.0", TestHostFixture.manifest("kv", "7.0.0", ""));
        host.install("hello-api", "1.0.0", TestHostFixture.manifest("hello-api", "1.0.0", """
                [environment]
                PORT = "9999"
                GREETING = "hi"
                [network]
                ports = ["8080:8080"]
                """));
        host.install("kv-tools", "1.0.0", """
                [package]
                name = "kv-tools"
                version = "1.0.0"
                [binary]
                entrypoint = "migrate"
                """);
        host.healthy.add("7.0.0");
        host.healthy.add("1.0.0");
        stack = StackParser.parse("stack.toml", STACK);
    }

    ActivationResult activate(String service) {
        return niso.activate(ServiceDefinition.fromStack(stack, service), Optional.empty(), WAIT);
    }

    @Test
    void overridesReachTheUnitAndTheNetwork() throws Exception {
        assertThat(activate("db").outcome()).isEqualTo("activated");
        assertThat(activate("migrate").outcome()).isEqualTo("activated");
        ActivationResult r = activate("api");
        assertThat(r.outcome()).as(r.toString()).isEqualTo("activated");

        String unit = host.unitText("api");
        assertThat(Files.readString(host.paths.liveRelease("api").resolve("environment"))).contains(
                "DB_HOST=\"db.niso.local\"", "GREETING=\"hi\"", "PORT=\"8080\"").doesNotContain("PORT=\"9999\"");
        assertThat(unit).contains("EnvironmentFile=/opt/niso/services/api/current/environment",
                "ExecStart=/app/bin/my-api --port 8080 --db db.niso.local",
                "X-Niso-Package=hello-api", "Description=niso api (hello-api)",
                "BindReadOnlyPaths=/var/lib/niso/stacks/shop/volumes/shared:/shared");
        assertThat(unit).doesNotContain("PORT=9999");
        // The stack's ports and network replace the package's.
        assertThat(host.networking.calls).contains("attach api backend [18080:8080/tcp]");
        // api and migrate share the stack's volume directory; db's data is the stack's too.
        assertThat(host.unitText("migrate")).contains("BindPaths=/var/lib/niso/stacks/shop/volumes/shared:/shared",
                "StateDirectory=niso/stacks/shop/volumes/shared");
        assertThat(host.unitText("db")).contains("BindPaths=/var/lib/niso/stacks/shop/volumes/data:/data");
    }

    @Test
    void statusReportsTheStoredDefinitionOfTheCurrentReleaseForTheFleetToCompare() {
        activate("db");
        ServiceStatus db = host.status().services(Optional.of("db")).get(0);
        assertThat(db.definition()).contains(stack.service("db").orElseThrow());
        // Listed with every service: digested, it equals the digest niso-fleet computes from stack.toml.
        ServiceStatus listed = host.status().services(Optional.empty()).stream().filter(x -> x.name().equals("db"))
                .findFirst().orElseThrow();
        assertThat(online.niso.common.stack.ServiceConfigDigest.of(listed.definition().orElseThrow()))
                .isEqualTo(online.niso.common.stack.ServiceConfigDigest.of(stack.service("db").orElseThrow()));
    }

    @Test
    void dependsOnOrdersOnlyOnServicesOfThisHostAndReadinessFollowsTheProbe() throws Exception {
        ActivationPlan before = niso.render(ServiceDefinition.fromStack(stack, "api"), Optional.empty());
        assertThat(before.unitText()).contains("After=niso-network.service\n", "Requires=niso-network.service\n");

        activate("db");
        activate("migrate");
        activate("api");

        String unit = host.unitText("api");
        String deps = "niso-db.service niso-migrate.service niso-network.service niso-ready@db.service"
                + " niso-ready@migrate.service\n";
        assertThat(unit).contains("After=" + deps, "Requires=" + deps);
        assertThat(unit).doesNotContain("niso-cache.service"); // not on this host: the fleet's business
        // Starting api starts its readiness unit; a oneshot has none (its unit is active once the job exited 0).
        // Its own readiness unit is started by its dependents' Requires=, not by the service itself.
        assertThat(unit).doesNotContain("Wants=niso-ready@");
        assertThat(host.unitText("migrate")).doesNotContain("Wants=");
        // The readiness template runs the installed niso against this root.
        assertThat(java.nio.file.Files.readString(host.paths.unitDir().resolve("niso-ready@.service")))
                .contains("ExecStart=/usr/local/bin/niso health %i --await --root " + root, "BindsTo=niso-%i.service");
    }

    @Test
    void aOneshotIsAJobThatRunsOnceAndReportsItsExitStatus() throws Exception {
        activate("db");
        ActivationResult ok = activate("migrate");
        assertThat(ok.outcome()).isEqualTo("activated");
        assertThat(ok.health()).isEqualTo("none");
        assertThat(host.unitText("migrate")).contains("Type=oneshot\nRemainAfterExit=yes\n", "Restart=no\n");
        long runs = host.systemctl.count("restart niso-migrate.service");

        ActivationResult again = activate("migrate");

        assertThat(again.outcome()).isEqualTo("unchanged"); // the same job is not run again
        assertThat(host.systemctl.count("restart niso-migrate.service")).isEqualTo(runs);
    }

    @Test
    void aFailingOneshotReportsFailedWithItsExitStatusAndJournal() throws Exception {
        activate("db");
        host.systemctl.runs = text -> !text.contains("X-Niso-Service=migrate");
        host.systemctl.jobExitStatus = 3;

        ActivationResult r = activate("migrate");

        assertThat(r.outcome()).isEqualTo("failed");
        assertThat(r.exitCode(false)).isEqualTo(1);
        ActivationResult.Failure f = r.failure().orElseThrow();
        assertThat(f.reason()).isEqualTo("niso-migrate.service (oneshot) exited with status 3 (result exit-code)");
        assertThat(f.journalTail()).contains("journal of niso-migrate.service");
        // Nothing to undo: the unit stays (failed, inspectable; dependents' Requires= fail) and the next
        // activation runs the job again.
        assertThat(host.paths.unitFile("migrate")).exists();
        assertThat(new Pointers(host.paths).currentRelease("migrate")).contains(new Release("kv-tools", "1.0.0"));
        host.systemctl.runs = text -> true;
        assertThat(activate("migrate").outcome()).isEqualTo("activated");
    }

    @Test
    void anExclusiveVolumeHasOneMounterAtATime() throws Exception {
        activate("db");
        int calls = host.systemctl.calls.size();
        // The parser refuses two mounters in one file; a new version of the stack file may still bring one.
        Stack next = StackParser.parse("stack.toml", """
                [stack]
                name = "shop"
                [[service]]
                name = "db-copy"
                package = "kv:7.0.0"
                [service.volumes]
                data = { mount = "/data" }
                """);
        ServiceDefinition copy = ServiceDefinition.fromStack(next, "db-copy");

        assertThatThrownBy(() -> niso.activate(copy, Optional.empty(), WAIT)).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot activate db-copy: volume data of stack shop is exclusive and already mounted by"
                        + " active service db; deactivate db first (or stop sharing the volume)");
        assertThat(host.paths.unitFile("db-copy")).doesNotExist();
        assertThat(host.systemctl.calls).hasSize(calls);

        niso.deactivate("db");
        assertThat(niso.activate(copy, Optional.empty(), WAIT).outcome()).isEqualTo("activated");
    }

    @Test
    void aServiceOnSeveralNetworksIsCreatedAndAttachedOnAllInTheirOrder() {
        Stack two = StackParser.parse("stack.toml", """
                [stack]
                name = "shop"
                [networks]
                backend = { subnet = "10.99.1.0/24" }
                frontend = { subnet = "10.99.2.0/24" }
                [[service]]
                name = "api"
                package = "hello-api:1.0.0"
                networks = ["frontend", "backend"]
                """);
        var def = ServiceDefinition.fromStack(two, "api");
        assertThat(niso.createStackNetworks(two, def, Optional.empty())).containsExactly("backend", "frontend");
        niso.activate(def, Optional.empty(), WAIT);
        // declared order kept: frontend is api's primary network
        assertThat(host.networking.calls).anyMatch(c -> c.startsWith("attach api frontend,backend "));
        assertThat(host.paths.unitFile("api")).exists();
    }

    @Test
    void stackNetworksAreCreatedOnceAndOnlyThoseTheServiceJoins() {
        var def = ServiceDefinition.fromStack(stack, "api");
        assertThat(niso.createStackNetworks(stack, def, Optional.empty())).containsExactly("backend");
        assertThat(niso.createStackNetworks(stack, def, Optional.empty())).isEmpty();
        assertThat(host.networking.networks).containsOnlyKeys("backend");
    }
}
