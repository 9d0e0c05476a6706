package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `niso status` asks systemd once per service: the health sample reuses the status's own show. */
class StatusCallsTest {
    static final ActivationService.Options WAIT = new ActivationService.Options(true, Optional.empty());

    @TempDir Path root;
    TestHostFixture host;

    @BeforeEach
    void setUp() {
        host = new TestHostFixture(root);
        host.installHealthy("api", "1.0.0", "2.0.0");
        host.service().activate("api", Optional.of("1.0.0"), WAIT);
        host.service().activate("api", Optional.of("2.0.0"), WAIT);
        host.systemctl.shows.clear();
    }

    @Test
    void aHealthyServiceIsOneShow() {
        ServiceStatus s = host.status().services(Optional.of("api")).get(0);

        assertThat(s.health()).isEqualTo("healthy");
        assertThat(s.activeState()).isEqualTo("active");
        assertThat(s.current().version()).isEqualTo("2.0.0");
        assertThat(s.previous().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(s.current().digest()).isNotEmpty().isNotEqualTo(s.previous().orElseThrow().digest());
        assertThat(host.systemctl.shows).containsExactly("niso-api.service ActiveState,SubState,MainPID");
    }

    @Test
    void theSharedShowStillSeesAStoppedUnit() {
        host.systemctl.stop("niso-api.service");
        host.systemctl.shows.clear();

        ServiceStatus s = host.status().services(Optional.empty()).get(0);

        assertThat(s.health()).isEqualTo("unhealthy");
        assertThat(s.healthDetail()).contains("niso-api.service is inactive");
        assertThat(host.systemctl.shows).hasSize(1);
    }

    @Test
    void aRunningButUnhealthyServiceIsSampledFromTheSameShow() {
        host.healthy.clear();

        ServiceStatus s = host.status().services(Optional.of("api")).get(0);

        assertThat(s.health()).isIn("unhealthy", "starting");
        assertThat(s.healthDetail()).contains("refused");
        assertThat(host.systemctl.shows).hasSize(1);
    }
}
