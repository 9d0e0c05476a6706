package online.niso.common.pkg;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;
import online.niso.common.sign.KeyId;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a .niso in one pass over the data: each file is read once and hashed while it streams
 * into tar → zstd. Member order: manifest.toml first (so reading the manifest only decompresses the
 * first few KB), then the payload sorted by path bytes, then checksums.sha256 and signature.ed25519,
 * which can only be computed once every hash is known; putting them last avoids a second read.
 *
 * <p>Reproducible: sorted entries, one fixed mtime, uid/gid 0, empty owner names, normalised
 * modes, PAX for long names and big numbers, and zstd in multi-threaded mode whose output does not
 * depend on the number of workers (only single-threaded mode differs, which is never used).
 */
public final class PackageWriter {
    public static final int ZSTD_LEVEL = 3;
    private static final int BUFFER = 1 << 20;
    static final int TRAILER_MIN_MATCH = 7;

    private final int workers;

    public PackageWriter(int workers) {
        this.workers = Math.max(1, workers);
    }

    /** Uses every available processor for zstd, like {@code zstd -T0}. */
    public PackageWriter() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public PackResult write(PackRequest req) {
        return write(req, PackProgress.NONE);
    }

    /** As {@link #write(PackRequest)}, reporting each payload entry written; the bytes do not depend on it. */
    public PackResult write(PackRequest req, PackProgress progress) {
        String fileName = PackageFileName.of(req.name(), req.version(), req.arch());
        checkEntries(req.entries());
        Path target = req.outputDir().resolve(fileName);
        Path tmp = null;
        try {
            Files.createDirectories(req.outputDir());
            tmp = Files.createTempFile(req.outputDir(), "." + fileName + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Written w = writeArchive(req, tmp, progress);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            return new PackResult(target, w.digest, w.keyId, Files.size(target), w.fileCount, w.bytes);
        } catch (IOException e) {
            throw new OperationFailedException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp name starts with '.' and ends with .tmp
                }
            }
        }
    }

    private record Written(String digest, Optional<KeyId> keyId, int fileCount, long bytes) {
    }

    @SuppressWarnings("try") // tar is closed explicitly to end the zstd frame before fsync
    private Written writeArchive(PackRequest req, Path tmp, PackProgress progress) throws IOException {
        List<MemberRecord> members = new ArrayList<>(req.entries().size() + 2);
        byte[] buf = new byte[BUFFER];
        try (FileChannel outCh = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            // Closing the tar stream must not close the channel: it is fsynced after the zstd frame ends.
            OutputStream fileOut = new BufferedOutputStream(new java.io.FilterOutputStream(
                    java.nio.channels.Channels.newOutputStream(outCh)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            }, BUFFER);
            ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(fileOut, ZSTD_LEVEL);
            zstd.setWorkers(workers);
            zstd.setChecksum(true); // like the zstd CLI: a truncated or corrupted frame fails loudly
            zstd.setCloseFrameOnFlush(true); // see startTrailerFrame
            // Tar headers are 512-byte writes; batching them keeps JNI calls into zstd few and large.
            BufferedOutputStream toZstd = new BufferedOutputStream(zstd, 256 << 10);
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(toZstd, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                FileTime mtime = FileTime.fromMillis(req.mtimeEpochSeconds() * 1000);
                MessageDigest sha = CanonicalStatement.newSha256();

                members.add(writeBytes(tar, Layout.MANIFEST, req.manifest(), mtime, sha));
                long bytes = writePayload(tar, req.entries(), mtime, sha, buf, members, progress);
                startTrailerFrame(toZstd, zstd);
                byte[] checksums = Checksums.render(members);
                members.add(writeBytes(tar, Layout.CHECKSUMS, checksums, mtime, sha));
                byte[] statement = CanonicalStatement.render(members);
                Optional<KeyId> keyId = Optional.empty();
                if (req.signingKey().isPresent()) {
                    SignatureFile sig = SignatureFile.sign(req.signingKey().get(), statement);
                    writeBytes(tar, Layout.SIGNATURE, sig.render(), mtime, sha);
                    keyId = Optional.of(sig.keyId());
                }
                tar.finish();
                int files = (int) members.stream().filter(m -> m.type() == EntryType.FILE).count()
                        + (keyId.isPresent() ? 1 : 0);
                long total = bytes + req.manifest().length + checksums.length;
                Written w = new Written(CanonicalStatement.digest(statement), keyId, files, total);
                tar.close();
                try (online.niso.common.trace.Trace.Span span = online.niso.common.trace.Trace.span("pack: fsync")) {
                    outCh.force(true);
                }
                return w;
            }
        }
    }

    /**
     * Ends the zstd frame holding the manifest and payload and starts a second one for the rest
     * (checksums.sha256, signature, end-of-archive). checksums.sha256 is mostly hex digests, in
     * which level 3's 5-byte minimum match finds only short, costly matches; a 7-byte minimum
     * compresses it about 8% smaller at no measurable cost, which keeps a package of many small
     * files within 1% of a plain tar.zst. Concatenated frames are one stream to every zstd reader
     * (zstd, GNU tar, zstd-jni), and the split point depends only on the input, so output stays
     * reproducible.
     */
    private static void startTrailerFrame(BufferedOutputStream toZstd, ZstdOutputStreamNoFinalizer zstd)
            throws IOException {
        // Bytes still in the tar stream's record buffer simply go into the second frame.
        toZstd.flush(); // zstd is set to end the frame on flush, which nothing else calls before this
        zstd.flush();
        zstd.setMinMatch(TRAILER_MIN_MATCH);
    }

    /** Directories, symlinks and files in entry order; small files come read and hashed from the prefetcher. */
    private static long writePayload(TarArchiveOutputStream tar, List<PackEntry> entries, FileTime mtime,
                                     MessageDigest sha, byte[] buf, List<MemberRecord> members,
                                     PackProgress progress) throws IOException {
        long bytes = 0;
        int done = 0;
        try (FilePrefetcher prefetch = new FilePrefetcher(entries)) {
            for (PackEntry e : entries) {
                switch (e.type()) {
                    case DIRECTORY -> {
                        tar.putArchiveEntry(header(e.path() + "/", TarConstants.LF_DIR, e.mode(), 0, mtime));
                        tar.closeArchiveEntry();
                        members.add(new MemberRecord(e.path(), EntryType.DIRECTORY, e.mode(), 0, null, null));
                    }
                    case SYMLINK -> {
                        TarArchiveEntry h = header(e.path(), TarConstants.LF_SYMLINK, e.mode(), 0, mtime);
                        h.setLinkName(e.linkTarget());
                        tar.putArchiveEntry(h);
                        tar.closeArchiveEntry();
                        members.add(new MemberRecord(e.path(), EntryType.SYMLINK, e.mode(), 0, null, e.linkTarget()));
                    }
                    case FILE -> {
                        FilePrefetcher.Loaded loaded = prefetch.next();
                        MemberRecord m;
                        if (loaded != null) {
                            m = writeLoaded(tar, e, loaded, mtime);
                            prefetch.release(loaded);
                        } else {
                            m = writeFile(tar, e, mtime, sha, buf);
                        }
                        bytes += m.size();
                        members.add(m);
                    }
                }
                progress.written(++done, bytes);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while packing");
        }
        return bytes;
    }

    private static MemberRecord writeBytes(TarArchiveOutputStream tar, String path, byte[] data, FileTime mtime,
                                           MessageDigest sha) throws IOException {
        tar.putArchiveEntry(header(path, TarConstants.LF_NORMAL, PackEntry.FILE_MODE, data.length, mtime));
        tar.write(data);
        tar.closeArchiveEntry();
        sha.reset();
        return new MemberRecord(path, EntryType.FILE, PackEntry.FILE_MODE, data.length,
                HexFormat.of().formatHex(sha.digest(data)), null);
    }

    private static MemberRecord writeLoaded(TarArchiveOutputStream tar, PackEntry e, FilePrefetcher.Loaded loaded,
                                            FileTime mtime) throws IOException {
        tar.putArchiveEntry(header(e.path(), TarConstants.LF_NORMAL, e.mode(), loaded.length(), mtime));
        tar.write(loaded.buffer(), 0, loaded.length());
        tar.closeArchiveEntry();
        return new MemberRecord(e.path(), EntryType.FILE, e.mode(), loaded.length(), loaded.sha256(), null);
    }

    private static MemberRecord writeFile(TarArchiveOutputStream tar, PackEntry e, FileTime mtime, MessageDigest sha,
                                          byte[] buf) throws IOException {
        try (FileChannel in = FileChannel.open(e.source(), StandardOpenOption.READ,
                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            long size = in.size();
            tar.putArchiveEntry(header(e.path(), TarConstants.LF_NORMAL, e.mode(), size, mtime));
            sha.reset();
            ByteBuffer bb = ByteBuffer.wrap(buf);
            long done = 0;
            while (done < size) {
                bb.clear();
                if (size - done < buf.length) {
                    bb.limit((int) (size - done));
                }
                int n = in.read(bb);
                if (n < 0) {
                    throw new InvalidInputException(e.source() + " shrank while packing; pack again");
                }
                sha.update(buf, 0, n);
                tar.write(buf, 0, n);
                done += n;
            }
            if (in.read(ByteBuffer.wrap(buf, 0, 1)) > 0) {
                throw new InvalidInputException(e.source() + " grew while packing; pack again");
            }
            tar.closeArchiveEntry();
            return new MemberRecord(e.path(), EntryType.FILE, e.mode(), size, HexFormat.of().formatHex(sha.digest()), null);
        }
    }

    private static TarArchiveEntry header(String name, byte linkFlag, int mode, long size, FileTime mtime) {
        // Every constructor copies user.name into the entry: always overwrite owner fields.
        TarArchiveEntry h = new TarArchiveEntry(name, linkFlag, false);
        h.setMode(modeWithType(linkFlag, mode));
        h.setSize(size);
        h.setModTime(mtime);
        h.setUserId(0);
        h.setGroupId(0);
        h.setUserName("");
        h.setGroupName("");
        return h;
    }

    private static int modeWithType(byte linkFlag, int mode) {
        int type = linkFlag == TarConstants.LF_DIR ? 0040000 : linkFlag == TarConstants.LF_SYMLINK ? 0120000 : 0100000;
        return type | mode;
    }

    /** Sorted by path bytes, unique, valid paths, no reserved root names: bad input, not a bug. */
    static void checkEntries(List<PackEntry> entries) {
        Set<String> seen = new HashSet<>();
        String prev = null;
        for (PackEntry e : entries) {
            ArchivePaths.problem(e.path()).ifPresent(p -> {
                throw new InvalidInputException(e.path() + ": " + p);
            });
            if (Layout.isReserved(e.path())) {
                throw new InvalidInputException(e.path() + ": reserved name; niso writes it itself");
            }
            if (!seen.add(e.path())) {
                throw new InvalidInputException(e.path() + ": listed twice");
            }
            if (prev != null && ArchivePaths.BYTE_ORDER.compare(prev, e.path()) > 0) {
                throw new IllegalArgumentException("entries must be sorted by path bytes: " + prev + " > " + e.path());
            }
            if (e.type() == EntryType.SYMLINK) {
                ArchivePaths.symlinkProblem(e.path(), e.linkTarget()).ifPresent(p -> {
                    throw new InvalidInputException(e.path() + ": " + p);
                });
            }
            prev = e.path();
        }
    }
}
