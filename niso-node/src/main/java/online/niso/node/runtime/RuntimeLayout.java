package online.niso.node.runtime;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a host file lives inside a runtime. Runtimes follow the merged-/usr layout: everything
 * lives under {@code usr/}, and a service rootfs has {@code /bin}, {@code /lib}, {@code /lib64} and
 * {@code /sbin} as symlinks into {@code /usr}, with {@code /usr} bind-mounted read-only from the runtime.
 */
public final class RuntimeLayout {

    private RuntimeLayout() {}

    /** {@code /lib/x/libc.so.6} → {@code usr/lib/x/libc.so.6}; empty if the file is outside /usr. */
    public static Optional<Path> inRuntime(Path hostPath) {
        String s = hostPath.normalize().toString();
        for (String top : new String[] {"/lib/", "/lib64/", "/bin/", "/sbin/", "/lib32/", "/libx32/"}) {
            if (s.startsWith(top)) {
                s = "/usr" + s;
                break;
            }
        }
        if (!s.startsWith("/usr/")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(s.substring(1)));
    }
}
