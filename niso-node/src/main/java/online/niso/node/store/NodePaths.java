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
     * {@code /opt/niso/packages/<name>/.<version>.manifest.json}: the installed manifest.toml, parsed, in the
     * form activate and status read ({@link InstalledManifests}). Beside the version directory, not in it:
     * every name inside is the package's own (an app may well ship a manifest.json), and the service sees that
     * directory. Versions start with a digit, so the leading dot never meets a version directory.
     */
    public Path derivedManifest(String name, String version) {
        return packageDir(name).resolve("." + version + InstalledManifests.SUFFIX);
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
    /** {@code /opt/niso/services/<name>/}: per-service state that is not a package (rootfs per version, markers). */
    public Path serviceDir(String name) {
        return nisoHome().resolve("services").resolve(name);
    }

    public Path servicesDir() {
        return nisoHome().resolve("services");
    }

    /**
     * An assembled rootfs skeleton (RootDirectory=). {@code key} is the skeleton's content digest
     * ({@code RootfsPlan.key()}): versions with the same definition share one, so the unit's text stays the same
     * across them. (Hosts activated by an older niso also have {@code rootfs/<version>} ones.)
     */
    public Path rootfsDir(String name, String key) {
        return serviceDir(name).resolve("rootfs").resolve(key);
    }

    /**
     * {@code /opt/niso/services/<name>/releases/<key>/}: what the unit reaches through {@link #liveRelease}:
     * {@code app} (a link to the package version), {@code environment} (the EnvironmentFile=) and
     * {@code rootfs} (a link to the rootfs skeleton). Immutable once made; the key is a digest of the content.
     */
    public Path releaseDir(String name, String key) {
        return serviceDir(name).resolve("releases").resolve(key);
    }

    /**
     * {@code /opt/niso/services/<name>/current -> releases/<key>}: the release systemd starts. The unit names
     * paths through this link, so switching versions is a rename of this link, not a new unit text.
     */
    public Path liveRelease(String name) {
        return serviceDir(name).resolve("current");
    }

    /** Written before an activation changes anything, removed when it has finished: the repair journal. */
    public Path pendingActivation(String name) {
        return serviceDir(name).resolve("activation.pending");
    }

    /** The per-service lock: two niso invocations never interleave changes to one service. */
    public Path serviceLock(String name) {
        return stateDir().resolve("locks").resolve("service-" + name + ".lock");
    }

    public Path unitDir() {
        return root.resolve("etc/systemd/system");
    }

    public Path unitFile(String name) {
        return unitDir().resolve("niso-" + name + ".service");
    }

    /** Named volumes: below /var/lib because the unit uses StateDirectory= to hand them to the DynamicUser. */
    public Path volumesDir(String name) {
        return root.resolve("var/lib/niso/volumes").resolve(name);
    }

    /**
     * A stack's named volumes, shared by the stack's services that mount them (api and migrate see the same
     * data): {@code /var/lib/niso/stacks/<stack>/volumes/<volume>}, apart from per-service volumes so that a
     * stack and a service of the same name never meet.
     */
    public Path stackVolumesDir(String stack) {
        return root.resolve("var/lib/niso/stacks").resolve(stack).resolve("volumes");
    }

    /** {@code current} / {@code previous} symlinks in {@code /opt/niso/packages/<name>/}. */
    public Path pointer(String name, String which) {
        return packageDir(name).resolve(which);
    }
}
