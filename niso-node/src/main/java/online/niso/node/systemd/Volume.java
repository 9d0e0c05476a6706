package online.niso.node.systemd;

import java.nio.file.Path;

/** A resolved [volumes] entry. Every kind is mounted at {@link #mount()} inside the rootfs. */
public sealed interface Volume permits Volume.Named, Volume.Tmpfs, Volume.HostBind {
    String name();

    String mount();

    /**
     * niso-managed, persistent across versions: {@code <layout.volumesDir>/<name>}, or {@code dir} when given
     * (a stack's volume, shared by the stack's services that mount it; below /var/lib like the others).
     */
    record Named(String name, String mount, boolean readOnly, java.util.Optional<Path> dir) implements Volume {
        public Named(String name, String mount, boolean readOnly) {
            this(name, mount, readOnly, java.util.Optional.empty());
        }
    }

    /** RAM-backed, private to the service, gone on stop. */
    record Tmpfs(String name, String mount, long sizeBytes) implements Volume {}

    /** A host directory mapped in. */
    record HostBind(String name, Path hostPath, String mount, boolean readOnly) implements Volume {}
}
