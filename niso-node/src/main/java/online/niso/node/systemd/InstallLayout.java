package online.niso.node.systemd;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one activation's files live on the host, so the generator hard-codes no paths.
 *
 * @param rootfsDir    the assembled rootfs (becomes RootDirectory=)
 * @param packageDir   the extracted package, bind-mounted read-only at {@link #APP_MOUNT}
 * @param runtimeDir   the runtime install, e.g. /opt/niso/runtimes/nodejs/20 (empty for static binaries)
 * @param runtimeMount where the runtime appears inside the rootfs, e.g. /usr/local (empty when no runtime)
 * @param volumesDir   parent of named volume directories ({@code <volumesDir>/<volume name>})
 * @param stateDir     niso's state directory for this service (not referenced by the unit itself; kept
 *                     here so activation code has one layout value to pass around)
 * @param environmentFile where the service's environment is written ({@link EnvironmentFiles}): the unit then
 *                     names this file (EnvironmentFile=) instead of carrying Environment= lines; empty: inline
 */
public record InstallLayout(Path rootfsDir, Path packageDir, Optional<Path> runtimeDir, Optional<String> runtimeMount,
                            Path volumesDir, Path stateDir, Optional<Path> environmentFile) {
    /** The package is always visible to the service at /app (the seed's assembled rootfs). */
    public static final String APP_MOUNT = "/app";

    public InstallLayout {
        Objects.requireNonNull(rootfsDir, "rootfsDir");
        Objects.requireNonNull(packageDir, "packageDir");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        Objects.requireNonNull(runtimeMount, "runtimeMount");
        Objects.requireNonNull(volumesDir, "volumesDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(environmentFile, "environmentFile");
        if (runtimeDir.isPresent() != runtimeMount.isPresent()) {
            throw new IllegalArgumentException("runtimeDir and runtimeMount must be given together");
        }
    }

    /** A layout without a runtime (static binaries). */
    public static InstallLayout withoutRuntime(Path rootfsDir, Path packageDir, Path volumesDir, Path stateDir) {
        return new InstallLayout(rootfsDir, packageDir, Optional.empty(), Optional.empty(), volumesDir, stateDir,
                Optional.empty());
    }

    public InstallLayout withRuntime(Path dir, String mountInRootfs) {
        return new InstallLayout(rootfsDir, packageDir, Optional.of(dir), Optional.of(mountInRootfs), volumesDir,
                stateDir, environmentFile);
    }

    /** The environment in {@code file} (EnvironmentFile=) rather than in the unit's text. */
    public InstallLayout withEnvironmentFile(Path file) {
        return new InstallLayout(rootfsDir, packageDir, runtimeDir, runtimeMount, volumesDir, stateDir,
                Optional.of(file));
    }
}
