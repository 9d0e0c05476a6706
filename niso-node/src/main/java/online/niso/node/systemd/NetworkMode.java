package online.niso.node.systemd;

import java.nio.file.Path;

/** Which network namespace a service runs in. */
public sealed interface NetworkMode permits NetworkMode.Host, NetworkMode.Namespace, NetworkMode.None {
    /** The host's network namespace (until the networking issue lands: ports are the app's own). */
    record Host() implements NetworkMode {}

    /** A namespace prepared by niso networking, joined with NetworkNamespacePath= (e.g. /run/netns/niso-api). */
    record Namespace(Path path) implements NetworkMode {}

    /** No network at all: loopback only (PrivateNetwork=yes). */
    record None() implements NetworkMode {}

    static NetworkMode host() {
        return new Host();
    }

    static NetworkMode namespace(Path path) {
        return new Namespace(path);
    }

    static NetworkMode none() {
        return new None();
    }
}
