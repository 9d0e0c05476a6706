package online.niso.common.pkg;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The one streaming pass shared by verify and extract: every header is checked before any byte of
 * it reaches the sink, every file is hashed while it streams, and at the end checksums.sha256, the
 * canonical statement and the signature are checked. Throws PackageRejectedException naming the
 * member on the first problem; sink I/O failures surface as {@link SinkException}.
 */
final class PackageScanner {
    static final int MAX_MANIFEST_BYTES = 1 << 20;
    static final int MAX_CHECKSUMS_BYTES = 64 << 20;
    /**
     * Bytes the tar reader may consume while parsing one header (pax records, GNU long names, and
     * skipping the data of non-file entries). commons-compress buffers pax headers in memory
     * without a bound, so a hostile multi-GB header would otherwise exhaust the heap.
     */
    static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int BUFFER = 1 << 20;

    /** An I/O failure writing to the sink (disk full...), as opposed to a bad package. */
    static final class SinkException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkException(IOException cause) {
            super(cause);
        }

        IOException io() {
            return (IOException) getCause();
        }
    }

    private enum Seen { IMPLICIT_DIR, DIR, FILE, SYMLINK }

    private final Limits limits;
    private final MemberSink sink;
    private final Map<String, Seen> seen = new HashMap<>();
    private final List<MemberRecord> members = new ArrayList<>();
    private final byte[] buf = new byte[BUFFER];
    private final MessageDigest sha = CanonicalStatement.newSha256();
    private CountingInputStream compressed;
    private CountingInputStream decompressed;
    private HeaderGuard headerGuard;
    private byte[] manifest;
    private byte[] checksums;
    private byte[] signature;
    private long entries;
    private long declaredBytes;

    private PackageScanner(Limits limits, MemberSink sink) {
        this.limits = limits;
        this.sink = sink;
    }

    static VerifiedPackage scan(Path niso, TrustPolicy policy, Limits limits, MemberSink sink) {
        return new PackageScanner(limits, sink).run(niso, policy);
    }

    private VerifiedPackage run(Path niso, TrustPolicy policy) {
        try (InputStream file = Files.newInputStream(niso)) {
            compressed = new CountingInputStream(file);
            ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(new BufferedInputStream(compressed, 128 << 10));
            decompressed = new CountingInputStream(zstd);
            headerGuard = new HeaderGuard(decompressed, MAX_HEADER_BYTES);
            TarArchiveInputStream tar = new TarArchiveInputStream(headerGuard, "UTF-8");
            TarArchiveEntry e;
            while (true) {
                headerGuard.budget = MAX_HEADER_BYTES;
                e = tar.getNextEntry();
                headerGuard.budget = Long.MAX_VALUE;
                if (e == null) {
                    break;
                }
                member(tar, e);
            }
            // Read to the end of the zstd frame: a cut-off archive fails here even if the tar
            // end-of-archive blocks happened to survive.
            while (decompressed.read(buf) >= 0) {
                checkBombs();
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PackageRejectedException("package not found: " + niso);
        } catch (IOException e) {
            throw new PackageRejectedException("corrupt or truncated package " + niso.getFileName() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new PackageRejectedException("corrupt or truncated package " + niso.getFileName() + ": "
                    + e.getCause().getMessage(), e);
        }
        return finish(policy);
    }

    private void member(TarArchiveInputStream tar, TarArchiveEntry e) throws IOException {
        if (++entries > limits.maxEntries()) {
            throw reject("package has more than " + limits.maxEntries() + " entries");
        }
        checkBombs();
        String raw = e.getName();
        String path = normalise(raw);
        if (path.isEmpty() && e.isDirectory()) {
            return; // GNU tar's "./" root entry
        }
        ArchivePaths.problem(path, limits.maxPathBytes()).ifPresent(p -> {
            throw reject(quote(raw) + ": " + p);
        });
        int mode = e.getMode() & 07777;
        if ((mode & 07000) != 0) {
            throw reject(path + ": setuid, setgid or sticky bit set (mode " + String.format("%04o", mode) + ")");
        }
        mode &= 0777;
        byte flag = e.getLinkFlag();
        if (e.isSymbolicLink()) {
            claim(path, Seen.SYMLINK);
            String target = e.getLinkName();
            ArchivePaths.symlinkProblem(path, target).ifPresent(p -> {
                throw reject(path + ": " + p);
            });
            if (Layout.isReserved(path)) {
                throw reject(path + ": must be a regular file, not a symlink");
            }
            sinkCall(() -> sink.symlink(path, target));
            members.add(new MemberRecord(path, EntryType.SYMLINK, mode, 0, null, target));
        } else if (e.isDirectory() && flag == TarConstants.LF_DIR) {
            claim(path, Seen.DIR);
            sinkCall(() -> sink.directory(path));
            members.add(new MemberRecord(path, EntryType.DIRECTORY, mode, 0, null, null));
        } else if ((flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM) && !e.isSparse()) {
            claim(path, Seen.FILE);
            file(tar, e, path, mode);
        } else {
            throw reject(path + ": " + typeName(e) + " not allowed in a package");
        }
    }

    private void file(TarArchiveInputStream tar, TarArchiveEntry e, String path, int mode) throws IOException {
        long size = e.getSize();
        declaredBytes += size;
        if (size < 0 || declaredBytes > limits.maxTotalBytes()) {
            throw reject(path + ": package would exceed " + limits.maxTotalBytes() + " bytes uncompressed");
        }
        ByteArrayOutputStream keep = null;
        if (path.equals(Layout.MANIFEST) || path.equals(Layout.CHECKSUMS) || path.equals(Layout.SIGNATURE)) {
            long max = path.equals(Layout.MANIFEST) ? MAX_MANIFEST_BYTES
                    : path.equals(Layout.CHECKSUMS) ? MAX_CHECKSUMS_BYTES : SignatureFile.MAX_BYTES;
            if (size > max) {
                throw reject(path + ": larger than " + max + " bytes");
            }
            keep = new ByteArrayOutputStream((int) size);
        }
        int normalised = PackEntry.normaliseFileMode(mode);
        sha.reset();
        OutputStream out = sinkCall(() -> sink.file(path, normalised, size));
        long done = 0;
        try {
            int n;
            while ((n = tar.read(buf)) > 0) {
                sha.update(buf, 0, n);
                final int len = n;
                sinkCall(() -> out.write(buf, 0, len));
                if (keep != null) {
                    keep.write(buf, 0, n);
                }
                done += n;
                checkBombs();
            }
        } finally {
            sinkCall(out::close);
        }
        if (done != size) {
            throw reject(path + ": truncated (" + done + " of " + size + " bytes)");
        }
        sinkCall(() -> sink.fileDone(path, normalised));
        String hex = HexFormat.of().formatHex(sha.digest());
        if (path.equals(Layout.MANIFEST)) {
            manifest = keep.toByteArray();
        } else if (path.equals(Layout.CHECKSUMS)) {
            checksums = keep.toByteArray();
        } else if (path.equals(Layout.SIGNATURE)) {
            signature = keep.toByteArray();
            return; // the signature is not part of what it signs
        }
        members.add(new MemberRecord(path, EntryType.FILE, mode, size, hex, null));
    }

    /** Records the path and its ancestors, refusing duplicates and any path through a symlink or file. */
    private void claim(String path, Seen kind) {
        int slash = -1;
        while ((slash = path.indexOf('/', slash + 1)) >= 0) {
            String dir = path.substring(0, slash);
            Seen s = seen.get(dir);
            if (s == Seen.SYMLINK) {
                throw reject(path + ": path goes through the symlink " + dir);
            }
            if (s == Seen.FILE) {
                throw reject(path + ": parent " + dir + " is a file");
            }
            if (s == null) {
                seen.put(dir, Seen.IMPLICIT_DIR);
            }
        }
        Seen before = seen.get(path);
        if (before == null || (before == Seen.IMPLICIT_DIR && kind == Seen.DIR)) {
            seen.put(path, kind);
            return;
        }
        throw reject(path + ": duplicate member");
    }

    private void checkBombs() {
        long out = decompressed.count();
        if (out > limits.maxTotalBytes()) {
            throw reject("package exceeds " + limits.maxTotalBytes() + " bytes uncompressed");
        }
        if (out > limits.ratioSlackBytes() && out > limits.maxRatio() * Math.max(1, compressed.count())) {
            throw reject("compression ratio above " + (long) limits.maxRatio() + ":1 (decompression bomb?)");
        }
    }

    private VerifiedPackage finish(TrustPolicy policy) {
        if (manifest == null) {
            throw reject(Layout.MANIFEST + ": missing");
        }
        if (checksums == null) {
            throw reject(Layout.CHECKSUMS + ": missing");
        }
        Map<String, String> listed = Checksums.parse(checksums);
        int files = 0;
        long bytes = 0;
        for (MemberRecord m : members) {
            if (m.type() != EntryType.FILE) {
                continue;
            }
            files++;
            bytes += m.size();
            if (m.path().equals(Layout.CHECKSUMS)) {
                continue;
            }
            String want = listed.remove(m.path());
            if (want == null) {
                throw reject(m.path() + ": not listed in " + Layout.CHECKSUMS);
            }
            if (!want.equals(m.sha256())) {
                throw reject(m.path() + ": SHA-256 does not match " + Layout.CHECKSUMS);
            }
        }
        if (!listed.isEmpty()) {
            throw reject(listed.keySet().iterator().next() + ": listed in " + Layout.CHECKSUMS + " but not in the package");
        }
        byte[] statement = CanonicalStatement.render(members);
        Optional<SignatureFile> sig = signature == null ? Optional.empty() : Optional.of(SignatureFile.parse(signature));
        SignatureCheck.Verdict v = SignatureCheck.decide(statement, sig, policy);
        List<MemberRecord> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> ArchivePaths.BYTE_ORDER.compare(a.path(), b.path()));
        return new VerifiedPackage(new String(manifest, StandardCharsets.UTF_8), CanonicalStatement.digest(statement),
                v.status(), v.signer(), List.copyOf(sorted), files + (signature == null ? 0 : 1), bytes);
    }

    /** GNU tar writes "./a", "./dir/" and "./": strip those spellings so they match ours. */
    static String normalise(String name) {
        String p = name;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.equals(".")) {
            return "";
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String typeName(TarArchiveEntry e) {
        if (e.isLink()) {
            return "hard link (to " + e.getLinkName() + ")";
        }
        if (e.isCharacterDevice()) {
            return "character device";
        }
        if (e.isBlockDevice()) {
            return "block device";
        }
        if (e.isFIFO()) {
            return "fifo";
        }
        if (e.isSparse()) {
            return "sparse file";
        }
        return "entry of type '" + (char) e.getLinkFlag() + "'";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.append('"').toString();
    }

    private static PackageRejectedException reject(String why) {
        return new PackageRejectedException(why);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static void sinkCall(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new SinkException(e);
        }
    }

    private static <T> T sinkCall(IoSupplier<T> a) {
        try {
            return a.get();
        } catch (IOException e) {
            throw new SinkException(e);
        }
    }
}
