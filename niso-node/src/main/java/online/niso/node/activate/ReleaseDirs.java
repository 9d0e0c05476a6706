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
 * The release directories of a service and its {@code current} link ({@link NodePaths#liveRelease}), the
 * one thing systemd follows to find the version to start. A directory is made complete beside its place and
 * renamed in, and never changed afterwards (its name is a digest of its content); the link is switched by
 * renaming a fresh link over it. So a kill at any point leaves the link at a complete release.
 */
final class ReleaseDirs {
    private static final String LINK_TMP = ".current.tmp-";

    private final NodePaths paths;

    ReleaseDirs(NodePaths paths) {
        this.paths = paths;
    }

    /** Makes {@code files}' directory unless it exists (then it is complete: it was renamed in whole). */
    void prepare(String service, ReleaseFiles files) {
        Path dir = paths.releaseDir(service, files.key());
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (online.niso.common.trace.Trace.Span span = online.niso.common.trace.Trace.span("release dir " + dir)) {
            Files.createDirectories(dir.getParent());
            Path tmp = dir.resolveSibling("." + files.key() + ".tmp-" + UUID.randomUUID());
            try {
                Files.createDirectory(tmp);
                Files.createSymbolicLink(tmp.resolve(ReleaseFiles.APP), Path.of(files.appTarget()));
                Files.createSymbolicLink(tmp.resolve(ReleaseFiles.ROOTFS), Path.of(files.rootfsTarget()));
                // Read by PID 1 only; the values may be sensitive (they are not secrets, those are credentials).
                AtomicFiles.write(tmp.resolve(ReleaseFiles.ENVIRONMENT), files.environment(), "rw-------");
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                RootfsCleanup.deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make release directory " + dir, e);
        }
    }

    /** The key of the release the service's {@code current} link points at. */
    Optional<String> live(String service) {
        Path link = paths.liveRelease(service);
        try {
            return Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link).getFileName().toString())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + link, e);
        }
    }

    /** Whether the {@code current} link points at {@code files}' directory and that directory exists. */
    boolean isLive(String service, ReleaseFiles files) {
        return live(service).equals(Optional.of(files.key()))
                && Files.isDirectory(paths.releaseDir(service, files.key()), LinkOption.NOFOLLOW_LINKS);
    }

    /** Points {@code current} at the release directory {@code key} (made by {@link #prepare}), or removes it. */
    void setLive(String service, Optional<String> key) {
        Path link = paths.liveRelease(service);
        try {
            if (key.isEmpty()) {
                Files.deleteIfExists(link);
                return;
            }
            Files.createDirectories(link.getParent());
            Path tmp = link.resolveSibling(LINK_TMP + UUID.randomUUID());
            Files.createSymbolicLink(tmp, Path.of("releases", key.get()));
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch " + link, e);
        }
    }

    /**
     * The rootfs of the release {@code current} points at, through its {@code rootfs} link; empty when the
     * service has no such link (never activated, or last activated by a niso before release directories).
     */
    Optional<Path> liveRootfs(String service) {
        Path rootfs = paths.liveRelease(service).resolve(ReleaseFiles.ROOTFS);
        return Files.isDirectory(rootfs) ? Optional.of(rootfs) : Optional.empty();
    }

    /** Leftovers of a run killed mid-way: temporary links and half-made release directories. */
    void cleanTemporaries(String service) {
        Path dir = paths.serviceDir(service);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                if (p.getFileName().toString().startsWith(LINK_TMP)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RootfsCleanup.removeLeftovers(dir.resolve("releases"));
    }
}
