package online.niso.node.activate;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import online.niso.node.runtime.RuntimeRef;

/**
 * A {@code [runtime] use = "name:version"} found on the host.
 *
 * @param ref      what the manifest asked for
 * @param dir      the runtime's directory as the unit sees it, e.g. /opt/niso/runtimes/python3/3.11
 * @param binaries file names in the runtime's {@code usr/bin}, so a bare entrypoint like "python3" resolves
 *                 without the mapper touching the disk
 */
public record ResolvedRuntime(RuntimeRef ref, Path dir, SortedSet<String> binaries) {
    public ResolvedRuntime {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(dir, "dir");
        binaries = Collections.unmodifiableSortedSet(new TreeSet<>(binaries));
    }

    /** Runtimes are merged-/usr trees: {@code <dir>/usr} is bind-mounted read-only at {@code /usr}. */
    public Path usrDir() {
        return dir.resolve("usr");
    }
}
