package online.niso.node.runtime;

import online.niso.common.pkg.PackageExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.node.lock.HostLock;
import online.niso.node.state.StateDb;
import online.niso.node.store.NodePaths;
import online.niso.node.store.PackageStore;

/**
 * Installed runtimes under {@code /opt/niso/runtimes/<name>/<version>/usr/...}, created once per host
 * and bind-mounted read-only into every service that uses them.
 */
public final class RuntimeStore {

    private final NodePaths paths;
    private final Clock clock;

    public RuntimeStore(NodePaths paths, Clock clock) {
        this.paths = paths;
        this.clock = clock;
    }

    public record InstalledRuntime(String name, String version, String source, String digest, long files,
            long bytes) {}

    public Path runtimeDir(RuntimeRef ref) {
        return paths.runtimesDir().resolve(ref.name()).resolve(ref.version());
    }

    /** What else a new runtime needs once its files are staged (e.g. byte-compiling), before it is published. */
    @FunctionalInterface
    public interface StagedStep {
        void apply(Path staging);
    }

    /**
     * Copies the collected host files into a new runtime, runs {@code finish} on the staged tree, and publishes
     * it atomically (staging + rename): a failure anywhere leaves no runtime behind.
     */
    public InstalledRuntime add(RuntimeRef ref, Path source, Set<Path> hostPaths, boolean replace,
            StagedStep finish) {
        try (HostLock lock = HostLock.acquire(paths.lockFile(), PackageStore.LOCK_WAIT, clock);
                StateDb db = StateDb.open(paths.stateDb())) {
            Path target = runtimeDir(ref);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !replace) {
                throw new UnexpectedStateException("runtime " + ref + " already exists at " + target
                        + "; remove it first or pass --replace");
            }
            Files.createDirectories(paths.stagingDir());
            Path staging = paths.stagingDir().resolve("runtime-" + UUID.randomUUID());
            try {
                Totals totals = copyInto(staging, hostPaths);
                finish.apply(staging);
                Files.writeString(staging.resolve("runtime.toml"), "name = \"" + ref.name() + "\"\nversion = \""
                        + ref.version() + "\"\nsource = \"" + source + "\"\ndigest = \"" + totals.digest()
                        + "\"\n");
                Files.createDirectories(target.getParent());
                Path old = null;
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    old = paths.stagingDir().resolve("replaced-" + UUID.randomUUID());
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                InstalledRuntime installed = new InstalledRuntime(ref.name(), ref.version(), source.toString(),
                        totals.digest(), totals.files(), totals.bytes());
                db.inTransaction(c -> {
                    RuntimeRepository.upsert(c, installed, clock.instant());
                    return null;
                });
                if (old != null) {
                    PackageExtractor.deleteTree(old);
                }
                return installed;
            } finally {
                PackageExtractor.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<InstalledRuntime> list() {
        if (!Files.exists(paths.stateDb())) {
            return List.of();
        }
        try (StateDb db = StateDb.open(paths.stateDb())) {
            return db.read(RuntimeRepository::list);
        }
    }

    public void remove(RuntimeRef ref) {
        try (HostLock lock = HostLock.acquire(paths.lockFile(), PackageStore.LOCK_WAIT, clock);
                StateDb db = StateDb.open(paths.stateDb())) {
            boolean known = db.read(c -> RuntimeRepository.delete(c, ref.name(), ref.version()));
            Path dir = runtimeDir(ref);
            if (!known && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnexpectedStateException("runtime " + ref + " is not installed");
            }
            Files.createDirectories(paths.stagingDir());
            Path trash = paths.stagingDir().resolve("removed-" + UUID.randomUUID());
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
            }
            PackageExtractor.deleteTree(trash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Totals(long files, long bytes, String digest) {}

    private static Totals copyInto(Path staging, Set<Path> hostPaths) throws IOException {
        MessageDigest digest = sha256();
        long files = 0;
        long bytes = 0;
        List<String> outside = new ArrayList<>();
        for (Path host : hostPaths) { // sorted: the digest is stable
            var mapped = RuntimeLayout.inRuntime(host);
            if (mapped.isEmpty()) {
                outside.add(host.toString());
                continue;
            }
            Path dest = staging.resolve(mapped.get());
            Files.createDirectories(dest.getParent());
            if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                continue; // reached twice, e.g. via /lib and /usr/lib
            }
            if (Files.isSymbolicLink(host)) {
                // Re-point at the target's place inside the runtime, as an absolute in-rootfs path.
                Path target = host.getParent().resolve(Files.readSymbolicLink(host)).normalize();
                var mappedTarget = RuntimeLayout.inRuntime(target);
                if (mappedTarget.isPresent()) {
                    Files.createSymbolicLink(dest, Path.of("/").resolve(mappedTarget.get()));
                    digest.update(("L " + mapped.get() + " " + mappedTarget.get() + "\n").getBytes());
                    continue;
                }
                if (!Files.isRegularFile(host)) {
                    outside.add(host + " -> " + target);
                    continue;
                }
                // A link out of /usr (Debian's sitecustomize.py -> /etc/...): the runtime gets the content.
            }
            Files.copy(host, dest, StandardCopyOption.COPY_ATTRIBUTES);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dest, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(dest, perms); // Java's POSIX view never carries setuid/setgid
            files++;
            bytes += Files.size(dest);
            digest.update(("F " + mapped.get() + " " + Files.size(dest) + "\n").getBytes());
        }
        if (!outside.isEmpty()) {
            throw new InvalidInputException("runtime files must live under /usr (merged-/usr layout); outside: "
                    + String.join(", ", outside.subList(0, Math.min(5, outside.size()))));
        }
        return new Totals(files, bytes, "sha256:" + HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
