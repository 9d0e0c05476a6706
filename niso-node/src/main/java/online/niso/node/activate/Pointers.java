package online.niso.node.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import online.niso.node.store.NodePaths;

/**
 * The {@code current} and {@code previous} symlinks in {@code /opt/niso/packages/<name>/}: relative links to
 * a version directory. Each switch is one rename of a freshly made link, so a reader sees the old or the new
 * target, never none.
 */
public final class Pointers {
    public static final String CURRENT = "current";
    public static final String PREVIOUS = "previous";

    private final NodePaths paths;

    public Pointers(NodePaths paths) {
        this.paths = paths;
    }

    public Optional<String> current(String name) {
        return read(name, CURRENT);
    }

    public Optional<String> previous(String name) {
        return read(name, PREVIOUS);
    }

    public Optional<String> read(String name, String which) {
        return release(name, which).map(Release::version);
    }

    public Optional<Release> currentRelease(String name) {
        return release(name, CURRENT);
    }

    public Optional<Release> previousRelease(String name) {
        return release(name, PREVIOUS);
    }

    /**
     * The release a pointer names: {@code <version>} is a version of the package of the service's own name,
     * {@code ../<package>/<version>} one of another package (a service defined with {@code --package}).
     */
    public Optional<Release> release(String name, String which) {
        Path link = paths.pointer(name, which);
        try {
            if (!Files.isSymbolicLink(link)) {
                return Optional.empty();
            }
            Path target = Files.readSymbolicLink(link);
            String version = target.getFileName().toString();
            String pkg = target.getNameCount() >= 2 ? target.getName(target.getNameCount() - 2).toString() : name;
            return Optional.of(new Release(pkg, version));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + link, e);
        }
    }

    /** Points {@code which} at {@code version} of the package {@code name}, or removes it when empty. */
    public void set(String name, String which, Optional<String> version) {
        setRelease(name, which, version.map(v -> new Release(name, v)));
    }

    /** Points {@code which} at {@code release}, or removes it when empty. */
    public void setRelease(String name, String which, Optional<Release> release) {
        Path link = paths.pointer(name, which);
        try {
            if (release.isEmpty()) {
                Files.deleteIfExists(link);
                return;
            }
            Files.createDirectories(link.getParent());
            Path tmp = link.resolveSibling("." + which + ".tmp-" + UUID.randomUUID());
            Release r = release.get();
            Path target = r.packageName().equals(name) ? Path.of(r.version())
                    : Path.of("..", r.packageName(), r.version());
            Files.createSymbolicLink(tmp, target);
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch " + link, e);
        }
    }

    /** Leftover temporary links of a run that was killed mid-switch. */
    public void cleanTemporaries(String name) {
        Path dir = paths.packageDir(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(".current.tmp-") || f.startsWith(".previous.tmp-")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
