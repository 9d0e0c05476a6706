package online.niso.common.pkg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;

/**
 * Extracts a .niso into a fresh staging directory in one streaming pass and verifies it at the
 * end; on any failure the staging directory is deleted and PackageRejectedException is thrown.
 * The caller puts {@code stagingDir} beside the package store (same filesystem) and renames it
 * into place only after success, so a crash leaves either nothing or the whole version.
 *
 * <p>Files are created with O_CREAT|O_EXCL (CREATE_NEW), which never follows a symlink at the final
 * component; members whose path goes through a symlink are refused before they reach the disk, so
 * no write ever traverses a link. Modes are normalised: files 0644/0755, directories 0755.
 */
public final class PackageExtractor {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXEC = PosixFilePermissions.fromString("rwxr-xr-x");

    private PackageExtractor() {
    }

    public static VerifiedPackage extract(Path niso, Path stagingDir, TrustPolicy policy) {
        return extract(niso, stagingDir, policy, Limits.DEFAULT);
    }

    /** {@code stagingDir} must not exist; its parent must. */
    public static VerifiedPackage extract(Path niso, Path stagingDir, TrustPolicy policy, Limits limits) {
        try {
            Files.createDirectory(stagingDir);
            Files.setPosixFilePermissions(stagingDir, DIR);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new InvalidInputException("staging directory " + stagingDir + " already exists");
        } catch (IOException e) {
            throw new OperationFailedException("cannot create staging directory " + stagingDir + ": " + e.getMessage(), e);
        }
        boolean ok = false;
        AsyncDiskSink sink = new AsyncDiskSink(new DiskSink(stagingDir));
        try {
            VerifiedPackage v = PackageScanner.scan(niso, policy, limits, sink);
            sink.drain(); // success only once every byte is on disk
            ok = true;
            return v;
        } catch (PackageScanner.SinkException e) {
            throw new PackageRejectedException("cannot extract " + niso.getFileName() + ": " + e.io(), e);
        } catch (IOException e) {
            throw new PackageRejectedException("cannot extract " + niso.getFileName() + ": " + e, e);
        } finally {
            sink.close(); // joins the writer thread: nothing can be written after this point
            if (!ok) {
                deleteTree(stagingDir);
            }
        }
    }

    /** Deletes a tree without following symlinks (a hostile link must not lead deletion outside). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    // A directory we made 0755 is always traversable; be robust to odd modes anyway.
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new OperationFailedException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }

    static final class DiskSink implements MemberSink {
        private final Path root;
        private final int umask;
        /** Directories this sink made (or found) with mode 0755: later members skip stat/mkdir/chmod for them. */
        private final Set<Path> madeDirs = new HashSet<>();

        DiskSink(Path root) {
            this(root, Umask.current());
        }

        DiskSink(Path root, int umask) {
            this.root = root;
            this.umask = umask;
        }

        @Override
        public void directory(String path) throws IOException {
            Path dir = root.resolve(path);
            if (madeDirs.contains(dir)) {
                return; // made as an implicit parent earlier, already 0755
            }
            ensureParent(dir);
            makeDir(dir);
        }

        @Override
        public void symlink(String path, String target) throws IOException {
            Path link = root.resolve(path);
            ensureParent(link);
            Files.createSymbolicLink(link, Path.of(target));
        }

        @Override
        public OutputStream file(String path, int mode, long size) throws IOException {
            return Channels.newOutputStream(create(path, mode));
        }

        /** Creates and writes a whole small file in one go (the async writer's path). */
        void writeFile(String path, int mode, byte[] data) throws IOException {
            try (FileChannel ch = create(path, mode)) {
                ByteBuffer bb = ByteBuffer.wrap(data);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
            fileDone(path, mode);
        }

        /** O_CREAT|O_EXCL|O_NOFOLLOW with the final mode, so under the usual umask no chmod follows. */
        private FileChannel create(String path, int mode) throws IOException {
            Path f = root.resolve(path);
            ensureParent(f);
            return FileChannel.open(f, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(perms(mode)));
        }

        @Override
        public void fileDone(String path, int mode) throws IOException {
            if (Umask.needsChmod(umask, mode)) {
                Files.setPosixFilePermissions(root.resolve(path), perms(mode));
            }
        }

        private static Set<PosixFilePermission> perms(int mode) {
            return mode == PackEntry.EXEC_MODE ? EXEC : FILE;
        }

        private void ensureParent(Path p) throws IOException {
            Path parent = p.getParent();
            if (parent.equals(root) || madeDirs.contains(parent)) {
                return;
            }
            // Implicit parents (hand-made tars list no directories) get the normal 0755 too.
            ensureParent(parent);
            makeDir(parent);
        }

        private void makeDir(Path dir) throws IOException {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
                if (Umask.needsChmod(umask, 0755)) {
                    Files.setPosixFilePermissions(dir, DIR);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                Files.setPosixFilePermissions(dir, DIR);
            }
            madeDirs.add(dir);
        }
    }
}
