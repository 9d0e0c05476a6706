package online.niso.common.pkg;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Test helper: a tar.zst as a mutable list of raw members, read and written with commons-compress
 * and zstd-jni and NO niso checks, so tests can build tampered and hostile archives freely.
 */
final class RawArchive {
    static final class Member {
        String name;
        byte flag;
        int mode;
        String linkName = "";
        byte[] data = new byte[0];
        int devMajor;
        int devMinor;

        Member(String name, byte flag, int mode) {
            this.name = name;
            this.flag = flag;
            this.mode = mode;
        }

        Member data(String s) {
            data = s.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Member data(byte[] b) {
            data = b;
            return this;
        }

        Member link(String target) {
            linkName = target;
            return this;
        }
    }

    final List<Member> members = new ArrayList<>();

    static RawArchive read(Path niso) throws IOException {
        RawArchive a = new RawArchive();
        try (InputStream in = new ZstdInputStreamNoFinalizer(Files.newInputStream(niso));
             TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Member m = new Member(e.getName(), e.getLinkFlag(), e.getMode() & 07777);
                m.linkName = e.getLinkName();
                m.data = tar.readAllBytes();
                a.members.add(m);
            }
        }
        return a;
    }

    static Member file(String name, String content) {
        return new Member(name, TarConstants.LF_NORMAL, 0644).data(content);
    }

    static Member dir(String name) {
        return new Member(name, TarConstants.LF_DIR, 0755);
    }

    static Member symlink(String name, String target) {
        return new Member(name, TarConstants.LF_SYMLINK, 0777).link(target);
    }

    RawArchive add(Member m) {
        members.add(m);
        return this;
    }

    Member get(String name) {
        return members.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    void remove(String name) {
        members.removeIf(m -> m.name.equals(name));
    }

    /** Rewrites checksums.sha256 to match the current regular files (what a careful attacker does). */
    RawArchive fixChecksums() {
        StringBuilder sb = new StringBuilder();
        members.stream()
                .filter(m -> (m.flag == TarConstants.LF_NORMAL) && !m.name.equals(Layout.CHECKSUMS)
                        && !m.name.equals(Layout.SIGNATURE))
                .sorted((x, y) -> ArchivePaths.BYTE_ORDER.compare(x.name, y.name))
                .forEach(m -> sb.append(HexFormat.of().formatHex(CanonicalStatement.sha256(m.data)))
                        .append("  ").append(m.name).append('\n'));
        members.removeIf(m -> m.name.equals(Layout.CHECKSUMS));
        members.add(file(Layout.CHECKSUMS, sb.toString()));
        return this;
    }

    byte[] bytes() throws IOException {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        write(bos);
        return bos.toByteArray();
    }

    Path write(Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            write(out);
        }
        return target;
    }

    private void write(OutputStream out) throws IOException {
        ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, 3);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(z, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Member m : members) {
                TarArchiveEntry e = new TarArchiveEntry(m.name, m.flag, true);
                e.setMode(m.mode);
                if (!m.linkName.isEmpty()) {
                    e.setLinkName(m.linkName);
                }
                e.setDevMajor(m.devMajor);
                e.setDevMinor(m.devMinor);
                e.setSize(m.data.length);
                tar.putArchiveEntry(e);
                if (m.data.length > 0) {
                    tar.write(m.data);
                }
                tar.closeArchiveEntry();
            }
        }
    }
}
