package online.niso.node.activate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.node.store.NodePaths;
import online.niso.node.systemd.ReadinessUnit;
import online.niso.node.systemd.Systemctl;
import online.niso.node.systemd.UnitFileRenderer;

/** The systemd side of an activation: unit files (written atomically, reloaded when changed) and (re)starts. */
final class UnitControl {
    private final NodePaths paths;
    private final Systemctl systemctl;

    UnitControl(NodePaths paths, Systemctl systemctl) {
        this.paths = paths;
        this.systemctl = systemctl;
    }

    /**
     * Writes the service's unit and the shared readiness template ({@link ReadinessUnit}: it runs the
     * installed niso launcher, the one the boot unit also relies on); {@code daemon-reload} only if either
     * changed.
     */
    void write(String name, String unitText) {
        Optional<Path> root = paths.root().equals(Path.of("/")) ? Optional.empty() : Optional.of(paths.root());
        String template = UnitFileRenderer.render(ReadinessUnit.template(Path.of(HostNetworking.executable()), root));
        boolean changed = AtomicFiles.writeIfChanged(paths.unitDir().resolve(ReadinessUnit.TEMPLATE), template,
                "rw-r--r--");
        if (AtomicFiles.writeIfChanged(paths.unitFile(name), unitText, "rw-r--r--") || changed) {
            systemctl.daemonReload();
        }
    }

    /** Stops, disables and deletes the unit, if there is one; {@code lenient}: a unit not loaded is fine. */
    void remove(String name, boolean lenient) {
        if (!Files.exists(paths.unitFile(name))) {
            return;
        }
        String unit = ActivationService.unitName(name);
        try {
            systemctl.stop(unit);
            systemctl.disable(unit);
        } catch (RuntimeException e) {
            if (!lenient) {
                throw e;
            }
            // not loaded: nothing runs, which is what we want
        }
        AtomicFiles.delete(paths.unitFile(name));
        systemctl.daemonReload();
    }

    /**
     * reset-failed and enable where needed, then restart; the error text if any of it failed. One {@code show}
     * decides both: `systemctl enable` costs ~170 ms even when nothing changes, and each call is a process.
     */
    Optional<String> restart(String unit) {
        try {
            Map<String, String> state = systemctl.show(unit, List.of("ActiveState", "UnitFileState"));
            if (needsResetFailed(state)) {
                systemctl.resetFailed(unit);
            }
            if (!"enabled".equals(state.get("UnitFileState"))) {
                systemctl.enable(unit);
            }
            systemctl.restart(unit);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("systemctl restart " + unit + " failed: " + e.getMessage());
        }
    }

    /**
     * Only a failed unit needs {@code reset-failed}: it clears the start rate limit (a unit that hit
     * StartLimitBurst refuses to start until then) and the failed state; for any other unit it does nothing.
     */
    static boolean needsResetFailed(Map<String, String> state) {
        return "failed".equals(state.get("ActiveState"));
    }

    boolean isActive(String unit) {
        try {
            return "active".equals(systemctl.show(unit, List.of("ActiveState")).get("ActiveState"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
