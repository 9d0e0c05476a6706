package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activation's use of networking, with a fake kernel side: order, lock, hosts files, detach, rollback. */
class ActivationNetworkingTest {
    static final ActivationService.Options WAIT = ActivationServiceTest.WAIT;

    @TempDir Path root;
    TestHostFixture host;
    ActivationService niso;

    @BeforeEach
    void setUp() {
        host = new TestHostFixture(root);
        niso = host.service();
        host.install("api", "1.0.0", TestHostFixture.manifest("api", "1.0.0", "\n[network]\nports = [\"8080:8080\"]\n"));
        host.install("api", "2.0.0", TestHostFixture.manifest("api", "2.0.0", ""));
        host.install("db", "1.0.0");
        host.healthy.addAll(List.of("1.0.0"));
    }

    @Test
    void attachesWithTheManifestsNetworkBeforeTheRestartAndJoinsTheNamespace() throws Exception {
        List<Optional<String>> runningAtAttach = new ArrayList<>();
        host.networking.onAttach = () -> runningAtAttach.add(host.systemctl.runningVersion("niso-api.service"));
        niso.activate("api", Optional.of("1.0.0"), WAIT);

        assertThat(host.networking.calls).containsExactly("attach api default [8080:8080/tcp]");
        assertThat(runningAtAttach).containsExactly(Optional.empty());
        assertThat(host.networking.bootUnitInstalls).isEqualTo(1);
        assertThat(host.unitText("api")).contains("NetworkNamespacePath=/run/netns/niso-api",
                "After=niso-network.service", "Requires=niso-network.service");
        assertThat(Files.readString(host.paths.liveRelease("api").resolve("rootfs/etc/hosts")))
                .contains("127.0.0.1 localhost", "10.99.0.2 api.niso.local");
    }

    @Test
    void aSecondServiceRewritesTheFirstOnesHostsFileAndDeactivateRemovesItAgain() throws Exception {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        niso.activate("db", Optional.of("1.0.0"), WAIT);
        Path apiHosts = host.paths.liveRelease("api").resolve("rootfs/etc/hosts");
        assertThat(Files.readString(apiHosts)).contains("10.99.0.3 db.niso.local");
        assertThat(Files.readString(host.paths.liveRelease("db").resolve("rootfs/etc/hosts")))
                .contains("10.99.0.2 api.niso.local", "10.99.0.3 db.niso.local");

        niso.deactivate("db");
        assertThat(host.networking.calls).endsWith("detach db");
        assertThat(host.networking.attached).containsOnlyKeys("api");
        assertThat(Files.readString(apiHosts)).doesNotContain("db.niso.local").contains("api.niso.local");
    }

    @Test
    void anUnhealthyUpgradeIsRestoredWithTheOldNetworkAndTheSameAddress() {
        niso.activate("api", Optional.of("1.0.0"), WAIT);
        ActivationResult r = niso.activate("api", Optional.of("2.0.0"), WAIT);

        assertThat(r.outcome()).isEqualTo("rolled_back");
        // 2.0.0 publishes nothing; restoring 1.0.0 attaches its [network] again (port 8080 back), same address.
        assertThat(host.networking.calls).containsExactly("attach api default [8080:8080/tcp]",
                "attach api default []", "attach api default [8080:8080/tcp]");
        assertThat(host.networking.attached).containsEntry("api", "10.99.0.2");
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("1.0.0");
    }

    @Test
    void aFailedAttachIsAFailedStartAndNothingIsLeftRunning() {
        host.networking.failAttach = "ip: RTNETLINK answers: File exists";
        ActivationResult r = niso.activate("api", Optional.of("1.0.0"), WAIT);

        assertThat(r.outcome()).isEqualTo("failed");
        assertThat(r.failure().orElseThrow().reason()).contains("network attach of api failed",
                "RTNETLINK answers: File exists");
        assertThat(host.systemctl.runningVersion("niso-api.service")).isEmpty();
        assertThat(host.networking.calls).containsExactly("attach api default [8080:8080/tcp]", "detach api");
        assertThat(host.networking.attached).isEmpty();
    }

    @Test
    void probesOfALoopbackCheckGoToTheServicesAddress() {
        List<String> probed = new ArrayList<>();
        ServiceProber.Factory probers = unit -> (probe, timeout) -> {
            probed.add(probe.describe());
            return new online.niso.node.health.ProbeSample(host.clock.instant(), true, "200");
        };
        ActivationService withProbes = new ActivationService(host.paths, host.clock, host.systemctl,
                new HealthWaiter(host.systemctl, host.clock, host.clock.sleeper()),
                (u, p, a, t) -> new Sandbox.Result(0, ""), probers, "tester", host.networking);
        withProbes.activate("api", Optional.of("1.0.0"), WAIT);
        assertThat(probed).isNotEmpty().allMatch(p -> p.equals("http http://10.99.0.2:8080/health"));
    }
}
