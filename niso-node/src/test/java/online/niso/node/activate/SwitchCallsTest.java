package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.node.net.NetworkBootUnit;
import online.niso.node.store.NodePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemctl calls of a version switch: one show for the boot unit and the service together, and the boot
 * unit's enable/start only when that show says they are needed.
 */
class SwitchCallsTest {
    static final ActivationService.Options NO_WAIT = ActivationService.Options.NO_WAIT;

    @TempDir Path root;
    TestHostFixture host;

    @BeforeEach
    void setUp() {
        host = new TestHostFixture(root);
        host.installHealthy("api", "1.0.0", "2.0.0");
    }

    @Test
    void aVersionSwitchAsksSystemdOnceAndResetsNothing() {
        host.service().activate("api", Optional.of("1.0.0"), NO_WAIT);
        host.systemctl.calls.clear();
        host.systemctl.shows.clear();
        host.networking.bootUnitObserved.clear();

        ActivationResult r = host.service().activate("api", Optional.of("2.0.0"), NO_WAIT);

        assertThat(r.outcome()).isEqualTo("activated");
        assertThat(host.systemctl.shows).containsExactly(
                NetworkBootUnit.NAME + " niso-api.service ActiveState,UnitFileState");
        assertThat(host.systemctl.calls).doesNotContain("reset-failed niso-api.service")
                .contains("restart niso-api.service");
        // The boot unit's state went to ensureBootUnit, which therefore asks no more.
        assertThat(host.networking.bootUnitObserved).singleElement()
                .satisfies(o -> assertThat(o).hasValueSatisfying(m -> assertThat(m).containsKey("ActiveState")));
        assertThat(host.systemctl.runningVersion("niso-api.service")).contains("2.0.0");
    }

    @Test
    void aFailedServiceIsResetFromTheSharedShow() {
        host.service().activate("api", Optional.of("1.0.0"), NO_WAIT);
        host.systemctl.runs = text -> false;
        host.systemctl.restart("niso-api.service"); // crashes: failed
        host.systemctl.runs = text -> true;
        host.systemctl.calls.clear();
        host.systemctl.shows.clear();

        host.service().activate("api", Optional.of("2.0.0"), NO_WAIT);

        assertThat(host.systemctl.shows).hasSize(1);
        assertThat(host.systemctl.calls).containsSubsequence("reset-failed niso-api.service",
                "restart niso-api.service");
    }

    @Test
    void bootUnitActiveAndEnabledNeedsNoCall() {
        RecordingBoot b = new RecordingBoot(root);
        b.networking.ensureBootUnit(); // first time: writes the unit, reloads, asks, enables, starts
        assertThat(b.systemctl.calls).containsExactly("daemon-reload", "enable " + NetworkBootUnit.NAME,
                "start " + NetworkBootUnit.NAME);
        b.systemctl.calls.clear();
        b.systemctl.shows.clear();

        b.networking.ensureBootUnit(Optional.of(Map.of("ActiveState", "active", "UnitFileState", "enabled")));

        assertThat(b.systemctl.calls).isEmpty();
        assertThat(b.systemctl.shows).isEmpty();
    }

    @Test
    void bootUnitObservedInactiveOrDisabledIsStartedOrEnabled() {
        RecordingBoot b = new RecordingBoot(root);
        b.networking.ensureBootUnit();
        b.systemctl.calls.clear();
        b.systemctl.shows.clear();

        b.networking.ensureBootUnit(Optional.of(Map.of("ActiveState", "inactive", "UnitFileState", "enabled")));
        b.networking.ensureBootUnit(Optional.of(Map.of("ActiveState", "active", "UnitFileState", "disabled")));

        assertThat(b.systemctl.calls).containsExactly("start " + NetworkBootUnit.NAME,
                "enable " + NetworkBootUnit.NAME);
        assertThat(b.systemctl.shows).isEmpty();
    }

    @Test
    void aBootUnitFileJustWrittenIsAskedAboutAgain() {
        RecordingBoot b = new RecordingBoot(root);

        // An observation from before the file existed: stale once it is written and reloaded.
        b.networking.ensureBootUnit(Optional.of(Map.of("ActiveState", "active", "UnitFileState", "enabled")));

        assertThat(b.systemctl.shows).containsExactly(NetworkBootUnit.NAME + " UnitFileState,ActiveState");
        assertThat(b.systemctl.calls).containsExactly("daemon-reload", "enable " + NetworkBootUnit.NAME,
                "start " + NetworkBootUnit.NAME);
    }

    /** A real HostNetworking (its boot-unit part touches only files and systemctl) over the fake systemd. */
    static final class RecordingBoot {
        final FakeSystemctl systemctl;
        final HostNetworking networking;

        RecordingBoot(Path root) {
            NodePaths paths = NodePaths.of(root);
            systemctl = new FakeSystemctl(paths.unitDir());
            networking = new HostNetworking(paths, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), systemctl,
                    (cmd, stdin, timeout) -> {
                        throw new AssertionError("no process expected: " + cmd);
                    });
        }
    }

    @Test
    void switchPropertiesAreWhatBothDecisionsRead() {
        assertThat(ActivationService.SWITCH_PROPERTIES).containsExactly("ActiveState", "UnitFileState");
        assertThat(ActivationService.SWITCH_PROPERTIES).containsAll(UnitControl.RESTART_PROPERTIES)
                .containsAll(HostNetworking.BOOT_UNIT_PROPERTIES);
        assertThat(List.copyOf(UnitControl.RESTART_PROPERTIES)).isNotEmpty();
    }
}
