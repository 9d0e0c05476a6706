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

    /** The properties {@link #restart} reads, in one {@code systemctl show}. */
    static final List<String> RESTART_PROPERTIES = List.of("ActiveState", "UnitFileState");

    /**
     * Enable if needed, restart; the error text if any of it failed. One {@code systemctl show} answers both
     * "failed?" and "enabled?" ({@code systemctl enable} costs ~170 ms even when nothing changes, a show ~10 ms,
     * and a reset-failed another ~9 ms that a version switch of a running unit does not need).
     */
    Optional<String> restart(String unit) {
        return restart(unit, Optional.empty());
    }

    /** As {@link #restart(String)}, with {@link #RESTART_PROPERTIES} already read (or empty: read them). */
    Optional<String> restart(String unit, Optional<Map<String, String>> observed) {
        try {
            Map<String, String> shown = observed.orElseGet(() -> systemctl.show(unit, RESTART_PROPERTIES));
            boolean reset = needsResetFailed(shown);
            if (reset) {
                systemctl.resetFailed(unit);
            }
            if (needsEnable(shown)) {
                systemctl.enable(unit);
            }
            try {
                systemctl.restart(unit);
            } catch (RuntimeException e) {
                // A running unit restarted often (quick switches back and forth) can reach its start limit,
                // which only reset-failed clears: learn it from the failure instead of resetting every time.
                if (reset || !startLimitHit(systemctl.show(unit, List.of("Result")))) {
                    throw e;
                }
                systemctl.resetFailed(unit);
                systemctl.restart(unit);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("systemctl restart " + unit + " failed: " + e.getMessage());
        }
    }

    /**
     * reset-failed is needed only for a unit systemd holds as failed (its state and its start-limit counter);
     * any other state restarts as is. Unknown (property missing): reset, as before.
     */
    static boolean needsResetFailed(Map<String, String> shown) {
        String state = shown.get("ActiveState");
        return state == null || state.equals("failed");
    }

    static boolean needsEnable(Map<String, String> shown) {
        return !"enabled".equals(shown.get("UnitFileState"));
    }

    /** A restart refused by the unit's start rate limit (StartLimitBurst= starts within StartLimitIntervalSec=). */
    static boolean startLimitHit(Map<String, String> shown) {
        return "start-limit-hit".equals(shown.get("Result"));
    }

    boolean isActive(String unit) {
        try {
            return "active".equals(systemctl.show(unit, List.of("ActiveState")).get("ActiveState"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
