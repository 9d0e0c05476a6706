package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code @TestHosts} boots one fleet per class and injects it everywhere a TestFleet parameter is declared. */
@TestHosts(count = 1)
class TestHostsExtensionTest {

    private static TestFleet fromBeforeAll;
    private final TestFleet fromConstructor;

    TestHostsExtensionTest(TestFleet fleet) {
        this.fromConstructor = fleet;
    }

    @BeforeAll
    static void remember(TestFleet fleet) {
        fromBeforeAll = fleet;
    }

    @Test
    void injectsTheSameRunningFleetEverywhere(TestFleet fleet) {
        assertThat(fleet).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
        assertThat(fleet.hosts()).extracting(TestHost::name).containsExactly("th1");
        assertThat(fleet.host(1).exec("systemctl", "is-system-running").stdout().strip()).isEqualTo("running");
    }

    @Test
    void theFleetLivesForTheWholeClass(TestFleet fleet) {
        assertThat(fleet.runDir()).isDirectory();
        assertThat(fleet.host("th1").ssh("true").exitCode()).isZero();
    }
}
