package online.niso.common.model;

import java.util.Optional;

/** One entry of [volumes]: a named volume, a tmpfs, or a bind mount of a host directory. */
public sealed interface VolumeSpec permits VolumeSpec.Named, VolumeSpec.Tmpfs, VolumeSpec.Bind {
    String name();

    /** Absolute, normalised path inside the service's rootfs. */
    String mount();

    /** Persistent volume managed by niso. */
    record Named(String name, String mount, AccessMode mode) implements VolumeSpec {
    }

    /** RAM-backed, emptied on restart; size empty means the kernel default (half of RAM). */
    record Tmpfs(String name, String mount, Optional<ByteSize> size) implements VolumeSpec {
    }

    /** A host directory mapped in; {@code hostPath} absolute and normalised. */
    record Bind(String name, String mount, String hostPath, AccessMode mode) implements VolumeSpec {
    }
}
