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
 * activate --hold's sampler reads the stored parts of a status once per release, and still reports exactly what
 * `niso status NAME` reports: as the unit stops and starts, its health changes, and another release is activated.
 */
class StatusSamplerTest {
    static final ActivationService.Options WAIT = ActivationServiceTest.WAIT;

    @TempDir Path root;
    TestHostFixture host;

    @BeforeEach
    void setUp() {
        host = new TestHostFixture(root);
        host.installHealthy("api", "1.0.0", "2.0.0");
    }

    @Test
    void theSamplerReportsWhatStatusReports() {
        host.service().activate("api", Optional.of("1.0.0"), WAIT);
        StatusService status = host.status();
        Function<String, ServiceStatus> sampler = status.sampler();
        assertSame(sampler, status, "healthy");

        host.healthy.remove("1.0.0");
        assertSame(sampler, status, "starting"); // within the check's start_period of the activation
        host.clock.advance(java.time.Duration.ofMinutes(10));
        assertSame(sampler, status, "unhealthy");
        host.systemctl.stop("niso-api.service");
        assertSame(sampler, status, "unhealthy");
        host.systemctl.start("niso-api.service");
        host.healthy.add("1.0.0");
        assertSame(sampler, status, "healthy");

        host.service().activate("api", Optional.of("2.0.0"), WAIT); // another release: read again
        assertThat(sampler.apply("api").current().version()).isEqualTo("2.0.0");
        assertSame(sampler, host.status(), "healthy");

        host.service().deactivate("api");
        assertThatThrownBy(() -> sampler.apply("api")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not active");
    }

    private static void assertSame(Function<String, ServiceStatus> sampler, StatusService status, String health) {
        ServiceStatus sampled = sampler.apply("api");
        assertThat(sampled).isEqualTo(status.services(Optional.of("api")).get(0));
        assertThat(sampled.health()).isEqualTo(health);
    }
}
