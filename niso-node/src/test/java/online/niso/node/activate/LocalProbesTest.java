package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import online.niso.node.health.Probe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LocalProbesTest {
    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:8080/health, http://10.99.0.7:8080/health",
            "http://localhost:3000/h?x=1, http://10.99.0.7:3000/h?x=1",
            "http://[::1]:8080/, http://10.99.0.7:8080/",
            "http://0.0.0.0:8080/, http://10.99.0.7:8080/",
            "http://db.niso.local:5432/, http://db.niso.local:5432/",
            "http://192.0.2.1/, http://192.0.2.1/"})
    void loopbackHttpGoesToTheServiceAddress(String check, String probed) {
        Probe p = LocalProbes.localize(new Probe.Http(URI.create(check)), Optional.of("10.99.0.7"));
        assertThat(p).isEqualTo(new Probe.Http(URI.create(probed)));
    }

    @Test
    void tcpAndExecAndUnattached() {
        assertThat(LocalProbes.localize(new Probe.Tcp("127.0.0.1", 5432), Optional.of("10.99.0.7")))
                .isEqualTo(new Probe.Tcp("10.99.0.7", 5432));
        assertThat(LocalProbes.localize(new Probe.Tcp("db.niso.local", 5432), Optional.of("10.99.0.7")))
                .isEqualTo(new Probe.Tcp("db.niso.local", 5432));
        Probe exec = new Probe.Exec(List.of("/app/check", "127.0.0.1"));
        assertThat(LocalProbes.localize(exec, Optional.of("10.99.0.7"))).isEqualTo(exec);
        assertThat(LocalProbes.localize(new Probe.Tcp("127.0.0.1", 1), Optional.empty()))
                .isEqualTo(new Probe.Tcp("127.0.0.1", 1));
    }

    @Test
    void aHookBeforeTheFirstActivationRunsWithoutTheMissingNamespace() {
        var unit = new online.niso.node.systemd.UnitFile("niso-x.service", List.of(
                new online.niso.node.systemd.Section("Service", List.of(
                        new online.niso.node.systemd.Entry("NetworkNamespacePath", "/run/netns/niso-x"),
                        new online.niso.node.systemd.Entry("PrivateNetwork", "yes")))));
        assertThat(SandboxUnits.forHook(unit, true)).isEqualTo(unit);
        assertThat(SandboxUnits.forHook(unit, false).require("Service").entries())
                .containsExactly(new online.niso.node.systemd.Entry("PrivateNetwork", "yes"));
    }
}
