package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import online.niso.common.config.StackParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.model.Stack;
import online.niso.node.store.PackageStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services whose name is not their package's: definitions, pointers, rootfs, status, restore and rollback. */
class ServiceDefinitionActivationTest {
    static final ActivationService.Options WAIT = ActivationServiceTest.WAIT;
    static final String STACK = """
            [stack]
            name = "shop"

            [[service]]
            name = "api"
            package = "hello-api:1.0.0"
            [service.environment]
            GREETING = "hello"
            """;

    @TempDir Path root;
    TestHostFixture host;
    ActivationService niso;
    Pointers pointers;

    @BeforeEach
    void setUp() {
        host = new TestHostFixture(root);
        niso = host.service();
        pointers = new Pointers(host.paths);
        host.install("hello-api", "1.0.0");
        host.install("hello-api", "2.0.0");
        host.install("other-api", "3.0.0");
        host.healthy.add("1.0.0");
    }

    static ServiceDefinition stackDefinition() {
        Stack stack = StackParser.parse("stack.toml", STACK);
        return ServiceDefinition.fromStack(stack, "api");
    }

    @Test
    void serviceRunsAPackageOfAnotherName() throws Exception {
        host.healthy.add("2.0.0");
        ActivationResult r = niso.activate(ServiceDefinition.plain("api", "hello-api"), Optional.empty(), WAIT);

        assertThat(r.outcome()).as(r.toString()).isEqualTo("activated");
        assertThat(r.to().orElseThrow().version()).isEqualTo("2.0.0"); // newest installed hello-api
        assertThat(host.unitText("api")).contains("BindReadOnlyPaths=/opt/niso/services/api/current/app:/app",
                "X-Niso-Package=hello-api", "NetworkNamespacePath=/run/netns/niso-api");
        assertThat(host.paths.liveRelease("api").resolve("app").toRealPath())
                .isEqualTo(host.paths.packageVersionDir("hello-api", "2.0.0").toRealPath());
        assertThat(Files.readSymbolicLink(host.paths.pointer("api", Pointers.CURRENT)))
                .isEqualTo(Path.of("../hello-api/2.0.0"));
        assertThat(pointers.currentRelease("api")).contains(new Release("hello-api", "2.0.0"));
        assertThat(host.paths.liveRelease("api").resolve("rootfs/etc/hosts")).exists();
        assertThat(host.networking.calls).anyMatch(c -> c.startsWith("attach api "));
        assertThat(niso.definition("api")).isEqualTo(ServiceDefinition.plain("api", "hello-api"));
        // Removing the version a service runs is refused, whatever the service is called.
        assertThat(PackageStore.open(host.paths, host.clock).isActive("hello-api", "2.0.0")).isTrue();
        assertThat(PackageStore.open(host.paths, host.clock).isActive("hello-api", "1.0.0")).isFalse();
        assertThatThrownBy(() -> PackageStore.open(host.paths, host.clock).remove("hello-api", "2.0.0"))
                .isInstanceOf(UnexpectedStateException.class).hasMessageContaining("active version");

        ServiceStatus s = host.status().services(Optional.of("api")).get(0);
        assertThat(s.packageName()).isEqualTo("hello-api");
        assertThat(s.unit()).isEqualTo("niso-api.service");
        assertThat(s.current().digest()).startsWith("sha256:");
        assertThat(s.health()).isEqualTo("healthy");
    }

    @Test
    void activatingByNameUsesTheStoredDefinition() {
        niso.activate(stackDefinition(), Optional.empty(), WAIT);
        int restarts = (int) host.systemctl.calls.stream().filter(c -> c.startsWith("restart")).count();

        ActivationResult again = niso.activate("api", Optional.empty(), WAIT);

        assertThat(again.outcome()).isEqualTo("unchanged"); // the stack's 1.0.0, not the newest 2.0.0
        assertThat(again.to().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(host.systemctl.calls.stream().filter(c -> c.startsWith("restart")).count()).isEqualTo(restarts);
        assertThat(niso.definition("api")).isEqualTo(stackDefinition());
        assertThat(niso.render("api", Optional.empty()).definition().packageName()).isEqualTo("hello-api");
    }

    @Test
    void theServiceOfThePackagesOwnNameKeepsTheOldLayout() throws Exception {
        host.install("api", "1.0.0");
        niso.activate("api", Optional.of("1.0.0"), WAIT);

        assertThat(Files.readSymbolicLink(host.paths.pointer("api", Pointers.CURRENT))).isEqualTo(Path.of("1.0.0"));
        assertThat(host.unitText("api")).contains("X-Niso-Package=api");
        assertThat(host.paths.liveRelease("api").resolve("app").toRealPath())
                .isEqualTo(host.paths.packageVersionDir("api", "1.0.0").toRealPath());
        assertThat(niso.definition("api").isDefault()).isTrue();
    }

    @Test
    void anUnhealthySwitchToAnotherPackageRestoresTheOldPackageAndDefinition() throws Exception {
        niso.activate(stackDefinition(), Optional.empty(), WAIT);
        String oldUnit = host.unitText("api");

        ActivationResult r = niso.activate(ServiceDefinition.plain("api", "other-api"), Optional.empty(), WAIT);

        assertThat(r.outcome()).isEqualTo("rolled_back");
        assertThat(pointers.currentRelease("api")).contains(new Release("hello-api", "1.0.0"));
        assertThat(pointers.previousRelease("api")).isEmpty();
        assertThat(host.unitText("api")).isEqualTo(oldUnit);
        assertThat(niso.definition("api")).isEqualTo(stackDefinition());
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("1.0.0");
    }

    @Test
    void rollbackBringsBackThePreviousReleasesDefinition() {
        niso.activate(stackDefinition(), Optional.empty(), WAIT);
        host.healthy.add("3.0.0");
        niso.activate(ServiceDefinition.plain("api", "other-api"), Optional.empty(), WAIT);
        assertThat(niso.definition("api").packageName()).isEqualTo("other-api");
        assertThat(pointers.previousRelease("api")).contains(new Release("hello-api", "1.0.0"));

        ActivationResult r = niso.rollback("api", WAIT);

        assertThat(r.outcome()).isEqualTo("rolled_back");
        assertThat(pointers.currentRelease("api")).contains(new Release("hello-api", "1.0.0"));
        assertThat(pointers.previousRelease("api")).contains(new Release("other-api", "3.0.0"));
        assertThat(niso.definition("api")).isEqualTo(stackDefinition());
        assertThat(host.status().services(Optional.of("api")).get(0).packageName()).isEqualTo("hello-api");
    }

    @Test
    void aKilledSwitchIsRepairedToTheOldPackageAndDefinition() throws Exception {
        niso.activate(stackDefinition(), Optional.empty(), WAIT);
        String oldUnit = host.unitText("api");
        ActivationService killed = new ActivationService(host.paths, host.clock,
                new ActivationServiceTest.KillingSystemctl(host.systemctl),
                new HealthWaiter(host.systemctl, host.clock, host.clock.sleeper()), (u, p, a, t) -> null,
                u -> (p, t) -> null, "tester", host.networking);
        assertThatThrownBy(() -> killed.activate(ServiceDefinition.plain("api", "other-api"), Optional.empty(), WAIT))
                .isInstanceOf(ActivationServiceTest.Killed.class);
        assertThat(pointers.currentRelease("api")).contains(new Release("other-api", "3.0.0"));

        assertThat(niso.repairNow("api")).isTrue();

        assertThat(pointers.currentRelease("api")).contains(new Release("hello-api", "1.0.0"));
        assertThat(host.unitText("api")).isEqualTo(oldUnit);
        assertThat(niso.definition("api")).isEqualTo(stackDefinition());
        assertThat(niso.history("api")).extracting(HistoryEntry::action).containsExactly("activate", "repair");
    }

    @Test
    void deactivateKeepsTheDefinitionForTheNextActivation() {
        niso.activate(ServiceDefinition.plain("api", "hello-api"), Optional.of("1.0.0"), WAIT);
        niso.deactivate("api");
        assertThat(pointers.previousRelease("api")).contains(new Release("hello-api", "1.0.0"));

        ActivationResult r = niso.activate("api", Optional.of("1.0.0"), WAIT);

        assertThat(r.outcome()).isEqualTo("activated");
        assertThat(pointers.currentRelease("api")).contains(new Release("hello-api", "1.0.0"));
    }

    @Test
    void missingPackageOrVersionIsInvalidInputNamingThePackage() {
        assertThatThrownBy(() -> niso.activate(ServiceDefinition.plain("api", "nope"), Optional.empty(), WAIT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope (package of service api) is not installed");
        assertThatThrownBy(() -> niso.render(ServiceDefinition.plain("api", "hello-api"), Optional.of("9.0.0")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("installed: 1.0.0, 2.0.0");
        assertThatThrownBy(() -> ServiceDefinition.fromStack(StackParser.parse("s.toml", STACK), "db"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("stack shop has no service db")
                .hasMessageContaining("services: api");
        assertThat(host.paths.unitFile("api")).doesNotExist();
        assertThat(List.of(host.systemctl.calls)).allMatch(List::isEmpty);
    }
}
