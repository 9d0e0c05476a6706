package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import online.niso.common.error.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `niso status` asks systemd once per service: the health sample reuses the status's own show. activate --hold's
 * sampler re-reads only that show and the probe while the release stays, and reports what `status NAME` reports.
 */
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

    @Test
    void theHoldsSamplerReportsWhatStatusReportsThroughStopsStartsHealthAndANewRelease() {
        StatusService status = host.status();
        Function<String, ServiceStatus> sampler = status.sampler();
        assertSampled(sampler, status, "healthy");

        host.healthy.remove("2.0.0");
        assertSampled(sampler, status, "starting"); // within the check's start_period of the activation
        host.clock.advance(java.time.Duration.ofMinutes(10));
        assertSampled(sampler, status, "unhealthy");
        host.systemctl.stop("niso-api.service");
        assertSampled(sampler, status, "unhealthy");
        host.systemctl.start("niso-api.service");
        host.healthy.add("2.0.0");
        assertSampled(sampler, status, "healthy");
        host.systemctl.shows.clear();
        sampler.apply("api");
        assertThat(host.systemctl.shows).as("one show per sample").hasSize(1);

        host.service().activate("api", Optional.of("1.0.0"), WAIT); // another release: read again
        assertThat(sampler.apply("api").current().version()).isEqualTo("1.0.0");
        assertSampled(sampler, host.status(), "healthy");

        host.service().deactivate("api");
        assertThatThrownBy(() -> sampler.apply("api")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not active");
    }

    private static void assertSampled(Function<String, ServiceStatus> sampler, StatusService status, String health) {
        ServiceStatus sampled = sampler.apply("api");
        assertThat(sampled).isEqualTo(status.services(Optional.of("api")).get(0));
        assertThat(sampled.health()).isEqualTo(health);
    }
}
