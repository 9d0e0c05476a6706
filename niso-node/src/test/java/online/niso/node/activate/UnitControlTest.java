package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import online.niso.node.store.NodePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a restart asks systemd to do, decided from one {@code show}: no process for what is already so. */
class UnitControlTest {
    private static final String UNIT = "niso-api.service";

    @TempDir Path root;

    @ParameterizedTest(name = "ActiveState={0} → reset-failed {1}")
    @CsvSource({"failed, true", "active, false", "inactive, false", "activating, false", "deactivating, false",
        "'', false"})
    void onlyAFailedUnitNeedsResetFailed(String activeState, boolean needed) {
        assertThat(UnitControl.needsResetFailed(Map.of("ActiveState", activeState))).isEqualTo(needed);
    }

    @Test
    void aNewUnitIsEnabledAndStartedWithoutResetFailed() {
        FakeSystemctl systemctl = loaded();
        assertThat(new UnitControl(NodePaths.of(root), systemctl).restart(UNIT)).isEmpty();
        assertThat(systemctl.calls).containsExactly("enable " + UNIT, "restart " + UNIT);
    }

    @Test
    void anEnabledRunningUnitIsOnlyRestarted() {
        FakeSystemctl systemctl = loaded();
        UnitControl control = new UnitControl(NodePaths.of(root), systemctl);
        control.restart(UNIT);
        systemctl.calls.clear();
        assertThat(control.restart(UNIT)).isEmpty();
        assertThat(systemctl.calls).containsExactly("restart " + UNIT);
    }

    @Test
    void aFailedUnitIsResetBeforeItIsRestarted() {
        FakeSystemctl systemctl = loaded();
        UnitControl control = new UnitControl(NodePaths.of(root), systemctl);
        systemctl.runs = text -> false; // the first start crashes: the unit ends failed
        control.restart(UNIT);
        assertThat(systemctl.show(UNIT, java.util.List.of("ActiveState"))).containsEntry("ActiveState", "failed");
        systemctl.calls.clear();
        systemctl.runs = text -> true;
        assertThat(control.restart(UNIT)).isEmpty();
        assertThat(systemctl.calls).containsExactly("reset-failed " + UNIT, "restart " + UNIT);
    }

    /** A fake systemd that has loaded the service's unit file. */
    private FakeSystemctl loaded() {
        Path units = NodePaths.of(root).unitDir();
        try {
            java.nio.file.Files.createDirectories(units);
            java.nio.file.Files.writeString(units.resolve(UNIT), "[Service]\nExecStart=/app/bin/api\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FakeSystemctl systemctl = new FakeSystemctl(units);
        systemctl.daemonReload();
        systemctl.calls.clear();
        return systemctl;
    }
}
