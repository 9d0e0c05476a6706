package online.niso.node.store;

import online.niso.common.pkg.PackageExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import online.niso.common.error.UnexpectedStateException;
import online.niso.node.lock.HostLock;
import online.niso.node.state.InstalledPackage;
import online.niso.node.state.PackageRepository;
import online.niso.node.state.StateDb;

/**
 * The package store {@code /opt/niso/packages/<name>/<version>/} plus its rows in the state database.
 *
 * <p>Crash safety: a package is extracted and verified in {@code /opt/niso/staging/} (same filesystem),
 * renamed into the store in one step, then recorded in the database. Every mutating call first
 * {@linkplain #repair() repairs} what an interrupted run may have left: staging leftovers are deleted,
 * a version directory without a database row (crash between rename and commit) is removed, and a row
 * without its directory is dropped. So a crash leaves either nothing or the whole version.
 */
public final class PackageStore {

    public static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private final NodePaths paths;
    private final Clock clock;

    private PackageStore(NodePaths paths, Clock clock) {
        this.paths = paths;
        this.clock = clock;
    }

    public static PackageStore open(NodePaths paths, Clock clock) {
        return new PackageStore(paths, clock);
    }

    /** Extracts into the staging area and receives what was verified; throws to refuse. */
    @FunctionalInterface
    public interface Extractor {
        StagedPackage extractInto(Path stagingDir);
    }

    public record InstallResult(InstalledPackage installed, Outcome outcome) {}

    public enum Outcome { INSTALLED, ALREADY_INSTALLED, REPLACED }

    public InstallResult install(Extractor extractor, boolean force) {
        try (HostLock lock = HostLock.acquire(paths.lockFile(), LOCK_WAIT, clock);
                StateDb db = StateDb.open(paths.stateDb())) {
            repair(db);
            Files.createDirectories(paths.stagingDir());
            Path staging = paths.stagingDir().resolve("install-" + UUID.randomUUID());
            try {
                StagedPackage staged = extractor.extractInto(staging);
                return commit(db, staged, staging, force);
            } finally {
                PackageExtractor.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InstallResult commit(StateDb db, StagedPackage staged, Path staging, boolean force) throws IOException {
        Optional<InstalledPackage> existing = db.read(c -> PackageRepository.find(c, staged.name(), staged.version()));
        Path target = paths.packageVersionDir(staged.name(), staged.version());
        if (existing.isPresent() && existing.get().digest().equals(staged.digest())) {
            // Same content: (re)writing its derived manifest lets a version installed by an older niso skip the
            // TOML parse from now on.
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                staged.derivedManifest().ifPresent(t -> InstalledManifests.write(paths, staged.name(),
                        staged.version(), t));
            }
            return new InstallResult(existing.get(), Outcome.ALREADY_INSTALLED);
        }
        if (existing.isPresent() && !force) {
            throw new UnexpectedStateException(staged.name() + " " + staged.version() + " is already installed with digest "
                    + existing.get().digest() + ", and this package has digest " + staged.digest()
                    + "; a version must not change content — bump the version, or pass --force to replace it");
        }
        if (existing.isPresent() && isActive(staged.name(), staged.version())) {
            throw new UnexpectedStateException(staged.name() + " " + staged.version()
                    + " is the active version; activate another version before replacing it");
        }
        Files.createDirectories(target.getParent());
        // Before the version is published (a crash leaves it missing, or a file no version matches: both are
        // harmless, it is only trusted for the exact manifest bytes it names). Also replaces a stale one.
        if (staged.derivedManifest().isPresent()) {
            InstalledManifests.write(paths, staged.name(), staged.version(), staged.derivedManifest().get());
        } else {
            InstalledManifests.delete(paths, staged.name(), staged.version());
        }
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = paths.stagingDir().resolve("replaced-" + UUID.randomUUID());
            atomicMove(target, old);
        }
        atomicMove(staging, target);
        InstalledPackage record = new InstalledPackage(staged.name(), staged.version(), staged.digest(),
                staged.signerKeyId(), clock.instant(), staged.fileCount(), staged.sizeBytes());
        db.inTransaction(c -> {
            PackageRepository.insert(c, record);
            return null;
        });
        if (old != null) {
            PackageExtractor.deleteTree(old);
        }
        return new InstallResult(record, existing.isPresent() ? Outcome.REPLACED : Outcome.INSTALLED);
    }

    public List<InstalledPackage> list(Optional<String> name) {
        if (!Files.exists(paths.stateDb())) {
            return List.of(); // a read never creates state
        }
        try (StateDb db = StateDb.open(paths.stateDb())) {
            return db.read(c -> PackageRepository.list(c, name));
        }
    }

    public InstalledPackage remove(String name, String version) {
        try (HostLock lock = HostLock.acquire(paths.lockFile(), LOCK_WAIT, clock);
                StateDb db = StateDb.open(paths.stateDb())) {
            repair(db);
            InstalledPackage existing = db.read(c -> PackageRepository.find(c, name, version))
                    .orElseThrow(() -> new UnexpectedStateException(name + " " + version + " is not installed"));
            if (isActive(name, version)) {
                throw new UnexpectedStateException(name + " " + version
                        + " is the active version; deactivate it or activate another version first");
            }
            // Move out of the store first (atomic), then forget it, then delete the bytes.
            Path target = paths.packageVersionDir(name, version);
            Path trash = paths.stagingDir().resolve("removed-" + UUID.randomUUID());
            Files.createDirectories(paths.stagingDir());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                atomicMove(target, trash);
            }
            db.inTransaction(c -> PackageRepository.delete(c, name, version));
            InstalledManifests.delete(paths, name, version);
            PackageExtractor.deleteTree(trash);
            return existing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The active version is the target of a service's {@code current} symlink (written by activation): the
     * service of the package's own name, or any other service running it ({@code ../<name>/<version>}).
     */
    public boolean isActive(String name, String version) {
        Path wanted = paths.packageVersionDir(name, version).normalize();
        if (!Files.isDirectory(paths.packagesDir())) {
            return false;
        }
        try (Stream<Path> dirs = Files.list(paths.packagesDir())) {
            for (Path dir : dirs.toList()) {
                Path current = dir.resolve("current");
                if (Files.isSymbolicLink(current)
                        && dir.resolve(Files.readSymbolicLink(current)).normalize().equals(wanted)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Brings disk and database back into agreement after an interrupted run. Caller holds the lock. */
    void repair(StateDb db) throws IOException {
        PackageExtractor.deleteTree(paths.stagingDir());
        List<InstalledPackage> rows = db.read(c -> PackageRepository.list(c, Optional.empty()));
        for (InstalledPackage row : rows) {
            if (!Files.isDirectory(paths.packageVersionDir(row.name(), row.version()), LinkOption.NOFOLLOW_LINKS)) {
                db.inTransaction(c -> PackageRepository.delete(c, row.name(), row.version()));
            }
        }
        Set<String> known = rows.stream().map(r -> r.name() + "/" + r.version()).collect(Collectors.toSet());
        if (!Files.isDirectory(paths.packagesDir())) {
            return;
        }
        try (Stream<Path> names = Files.list(paths.packagesDir())) {
            for (Path nameDir : names.sorted().toList()) {
                if (!Files.isDirectory(nameDir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (Stream<Path> versions = Files.list(nameDir)) {
                    for (Path versionDir : versions.sorted().toList()) {
                        String key = nameDir.getFileName() + "/" + versionDir.getFileName();
                        if (Files.isDirectory(versionDir, LinkOption.NOFOLLOW_LINKS) && !known.contains(key)) {
                            PackageExtractor.deleteTree(versionDir); // renamed in, never recorded: the install did not happen
                        }
                        // A derived manifest of a version not in the store: an install killed before publishing.
                        Optional<String> derivedFor = InstalledManifests.versionOf(versionDir.getFileName().toString());
                        if (derivedFor.isPresent() && !known.contains(nameDir.getFileName() + "/" + derivedFor.get())
                                && Files.isRegularFile(versionDir, LinkOption.NOFOLLOW_LINKS)) {
                            Files.deleteIfExists(versionDir);
                        }
                    }
                }
            }
        }
    }

    private static void atomicMove(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UnexpectedStateException("cannot rename " + from + " to " + to
                    + " atomically (different filesystems?)", e);
        }
    }
}
