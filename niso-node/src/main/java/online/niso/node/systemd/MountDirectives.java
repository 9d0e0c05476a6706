package online.niso.node.systemd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import online.niso.common.error.InvalidInputException;

/**
 * The assembled rootfs as systemd sees it: RootDirectory=, the package at /app and the runtime
 * read-only, volumes, a private /tmp and a private, size-limited /dev/shm.
 */
final class MountDirectives {
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    /** Mount points a volume may not cover: they are the rootfs' own structure or kernel filesystems. */
    private static final List<String> RESERVED = List.of("/proc", "/sys", "/dev", "/tmp", "/var/tmp", "/run");

    private MountDirectives() {}

    static Directives of(ServiceSpec spec, InstallLayout layout) {
        Directives d = new Directives();
        d.set("RootDirectory", SystemdEscaping.path("layout.rootfs", layout.rootfsDir().toString()));
        d.add("BindReadOnlyPaths", SystemdEscaping.path("layout.package", layout.packageDir().toString()) + ":"
                + InstallLayout.APP_MOUNT);
        if (layout.runtimeDir().isPresent()) {
            d.add("BindReadOnlyPaths", SystemdEscaping.path("layout.runtime", layout.runtimeDir().get().toString())
                    + ":" + SystemdEscaping.path("layout.runtime_mount", layout.runtimeMount().get()));
        }
        List<Volume> volumes = new ArrayList<>(spec.volumes());
        volumes.sort(Comparator.comparing(Volume::mount).thenComparing(Volume::name));
        validate(volumes, layout);
        for (Volume v : volumes) {
            String field = "volumes." + v.name();
            String mount = SystemdEscaping.path(field + ".mount", v.mount());
            if (v instanceof Volume.Named n) {
                Path dir = n.dir().orElse(layout.volumesDir().resolve(n.name()));
                String source = SystemdEscaping.path(field, dir.toString());
                if (!n.readOnly()) {
                    // A DynamicUser uid is only known at start: StateDirectory= makes systemd create the
                    // directory (under /var/lib/private) and chown it to the current uid on every start,
                    // so data written by version 1 stays writable for version 2. Read-only volumes skip
                    // it: StateDirectory= would also expose the volume writable under /var/lib.
                    d.add("StateDirectory", SystemdEscaping.path(field, "/" + stateDirectoryName(dir)).substring(1));
                }
                d.add(n.readOnly() ? "BindReadOnlyPaths" : "BindPaths", source + ":" + mount);
            } else if (v instanceof Volume.HostBind h) {
                String source = SystemdEscaping.path(field + ".host", h.hostPath().toString());
                d.add(h.readOnly() ? "BindReadOnlyPaths" : "BindPaths", source + ":" + mount);
            } else if (v instanceof Volume.Tmpfs t) {
                if (t.sizeBytes() <= 0) {
                    throw new InvalidInputException(field + ".size: must be positive, got " + t.sizeBytes());
                }
                // mode=1777: the DynamicUser uid is unknown until start; the tmpfs is private to this service anyway.
                d.add("TemporaryFileSystem", mount + ":size=" + t.sizeBytes() + ",mode=1777,nosuid,nodev");
            }
        }
        d.set("PrivateTmp", "yes");
        if (spec.isolation().preset() != IsolationPreset.NONE || spec.isolation().resources().shmSize().isPresent()) {
            // PrivateDevices= bind-mounts the HOST's /dev/shm into the private /dev; a tmpfs on top
            // keeps POSIX shared memory private to the service and bounded (Docker's --shm-size).
            d.add("TemporaryFileSystem", "/dev/shm:size=" + ResourceDirectives.shmSize(spec.isolation().resources())
                    + ",mode=1777,nosuid,nodev,noexec");
        }
        return d;
    }

    /** StateDirectory= takes a path relative to /var/lib; the layout must keep named volumes there. */
    static String stateDirectoryName(Path dir) {
        Path varLib = Path.of("/var/lib");
        if (!dir.startsWith(varLib) || dir.equals(varLib)) {
            throw new IllegalArgumentException("layout.volumesDir must be below /var/lib (systemd's StateDirectory="
                    + " root, which gives DynamicUser services ownership of their volumes), got " + dir.getParent());
        }
        return varLib.relativize(dir).toString();
    }

    private static void validate(List<Volume> volumes, InstallLayout layout) {
        Set<String> seen = new HashSet<>();
        List<String> reserved = new ArrayList<>(RESERVED);
        reserved.add(InstallLayout.APP_MOUNT);
        layout.runtimeMount().ifPresent(reserved::add);
        for (Volume v : volumes) {
            if (!VOLUME_NAME.matcher(v.name()).matches()) {
                throw new InvalidInputException("volumes: invalid volume name \"" + SystemdEscaping.printable(v.name())
                        + "\" (letters, digits, '_', '.', '-'; starting with a letter or digit)");
            }
            String field = "volumes." + v.name() + ".mount";
            SystemdEscaping.path(field, v.mount());
            if (v.mount().equals("/")) {
                throw new InvalidInputException(field + ": a volume cannot be mounted at /");
            }
            for (String r : reserved) {
                if (v.mount().equals(r) || v.mount().startsWith(r + "/")) {
                    throw new InvalidInputException(field + ": " + v.mount() + " is reserved (" + r
                            + " is part of the service's rootfs)");
                }
            }
            if (!seen.add(v.mount())) {
                throw new InvalidInputException(field + ": another volume is already mounted at " + v.mount());
            }
        }
    }
}
