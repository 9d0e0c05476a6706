package online.niso.node.store;

import java.nio.file.Path;

/**
 * Every on-disk location niso uses on a host, under a root prefix ({@code --root} / {@code NISO_ROOT},
 * default {@code /}) so that tests run unprivileged in temporary directories.
 */
public record NodePaths(Path root) {

    public NodePaths {
        root = root.toAbsolutePath().normalize();
    }

    public static NodePaths of(Path root) {
        return new NodePaths(root);
    }

    public Path nisoHome() {
        return root.resolve("opt/niso");
    }

    /** {@code /opt/niso/packages/<name>/<version>/}: extracted, verified packages. */
    public Path packagesDir() {
        return nisoHome().resolve("packages");
    }

    public Path packageDir(String name) {
        return packagesDir().resolve(name);
    }

    public Path packageVersionDir(String name, String version) {
        return packageDir(name).resolve(version);
    }

    /**
     * Staging area for extraction: on the same filesystem as the store (so the final rename is
     * atomic) but outside it, so nothing appears under the store before verification succeeds.
     */
    public Path stagingDir() {
        return nisoHome().resolve("staging");
    }

    public Path stateDir() {
        return nisoHome().resolve("state");
    }

    public Path stateDb() {
        return stateDir().resolve("niso.db");
    }

    public Path lockFile() {
        return stateDir().resolve("niso.lock");
    }

    public Path runtimesDir() {
        return nisoHome().resolve("runtimes");
    }

    public Path trustedKeysDir() {
        return root.resolve("etc/niso/trusted-keys");
    }
}
