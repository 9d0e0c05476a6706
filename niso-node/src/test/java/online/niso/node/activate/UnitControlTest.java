package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.node.store.NodePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The systemctl calls around a restart: what one `systemctl show` decides, and that only those calls run. */
class UnitControlTest {
    static final String UNIT = "niso-api.service";

    @TempDir Path root;
    FakeSystemctl systemctl;
    UnitControl units;

    @BeforeEach
    void setUp() {
        NodePaths paths = NodePaths.of(root);
        systemctl = new FakeSystemctl(paths.unitDir());
        units = new UnitControl(paths, systemctl);
        units.write("api", "[Service]\nExecStart=/app/bin/api\n");
        systemctl.calls.clear();
    }

    @ParameterizedTest(name = "ActiveState={0} -> reset-failed {1}")
    @CsvSource(nullValues = "NULL", value = {
            "active, false", "inactive, false", "activating, false", "deactivating, false", "reloading, false",
            "failed, true", "'', false", "NULL, true"})
    void resetFailedOnlyForAFailedUnit(String activeState, boolean expected) {
        Map<String, String> shown = new HashMap<>();
        if (activeState != null) {
            shown.put("ActiveState", activeState);
        }
        assertThat(UnitControl.needsResetFailed(shown)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "UnitFileState={0} -> enable {1}")
    @CsvSource(nullValues = "NULL", value = {"enabled, false", "disabled, true", "static, true", "linked, true",
            "'', true", "NULL, true"})
    void enableUnlessEnabled(String fileState, boolean expected) {
        Map<String, String> shown = new HashMap<>();
        if (fileState != null) {
            shown.put("UnitFileState", fileState);
        }
        assertThat(UnitControl.needsEnable(shown)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Result={0} -> start limit {1}")
    @CsvSource(nullValues = "NULL", value = {"start-limit-hit, true", "exit-code, false", "success, false",
            "timeout, false", "NULL, false"})
    void startLimitFromResult(String result, boolean expected) {
        Map<String, String> shown = new HashMap<>();
        if (result != null) {
            shown.put("Result", result);
        }
        assertThat(UnitControl.startLimitHit(shown)).isEqualTo(expected);
    }

    @Test
    void aNewUnitIsEnabledAndStartedWithoutResetFailed() {
        assertThat(units.restart(UNIT)).isEmpty();
        assertThat(systemctl.calls).containsExactly("enable " + UNIT, "restart " + UNIT);
    }

    @Test
    void restartOfARunningUnitIsOneShowAndTheRestart() {
        assertThat(units.restart(UNIT)).isEmpty();
        systemctl.calls.clear();
        systemctl.shows.clear();

        assertThat(units.restart(UNIT)).isEmpty();

        // Enabled already, active: neither enable nor reset-failed.
        assertThat(systemctl.calls).containsExactly("restart " + UNIT);
        assertThat(systemctl.shows).containsExactly(UNIT + " ActiveState,UnitFileState");
    }

    @Test
    void aFailedUnitIsResetBeforeItsRestart() {
        systemctl.runs = text -> false;
        units.restart(UNIT); // crashes: failed
        systemctl.runs = text -> true;
        systemctl.calls.clear();

        assertThat(units.restart(UNIT)).isEmpty();

        assertThat(systemctl.calls).containsExactly("reset-failed " + UNIT, "restart " + UNIT);
        assertThat(units.isActive(UNIT)).isTrue();
    }

    @Test
    void aStartLimitHitIsResetAndRestartedOnce() {
        systemctl.startLimitBurst = 2;
        assertThat(units.restart(UNIT)).isEmpty();
        assertThat(units.restart(UNIT)).isEmpty();
        systemctl.calls.clear();
        systemctl.shows.clear();

        assertThat(units.restart(UNIT)).isEmpty(); // the third start in a row hits the limit

        assertThat(systemctl.calls).containsExactly("restart " + UNIT, "reset-failed " + UNIT, "restart " + UNIT);
        assertThat(systemctl.shows).containsExactly(UNIT + " ActiveState,UnitFileState", UNIT + " Result");
        assertThat(units.isActive(UNIT)).isTrue();
    }

    @Test
    void aRestartThatFailsForAnotherReasonIsReportedNotRetried() {
        systemctl.runs = text -> text.contains("never");
        units.write("api", "[Service]\nType=oneshot\nExecStart=/app/bin/api\n"); // a failing job fails the restart
        systemctl.calls.clear();

        Optional<String> error = units.restart(UNIT);

        assertThat(error).hasValueSatisfying(e -> assertThat(e).contains("systemctl restart " + UNIT + " failed"));
        assertThat(systemctl.calls.stream().filter(c -> c.startsWith("restart")).toList()).hasSize(1);
        assertThat(systemctl.calls).doesNotContain("reset-failed " + UNIT);
    }

    @Test
    void aStartLimitHitAfterAResetIsNotRetriedAgain() {
        systemctl.startLimitBurst = 0; // every start is refused
        systemctl.runs = text -> false;
        units.restart(UNIT);
        systemctl.calls.clear();

        Optional<String> error = units.restart(UNIT);

        assertThat(error).isPresent();
        assertThat(systemctl.calls).containsExactly("reset-failed " + UNIT, "restart " + UNIT);
        assertThat(List.copyOf(systemctl.shows)).last().isEqualTo(UNIT + " ActiveState,UnitFileState");
    }
}
