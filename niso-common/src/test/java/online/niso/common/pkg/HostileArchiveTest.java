package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile archives, each built here with commons-compress + zstd and otherwise valid (manifest and
 * matching checksums), so each is refused for the hostile member itself. After each refusal the
 * staging directory is gone and the temp root holds exactly what it held before.
 */
class HostileArchiveTest {
    /** An absolute path that must never appear: unique per run, outside the temp root. */
    private static final String ABS_VICTIM = "/tmp/niso-hostile-" + UUID.randomUUID() + "/pwned";

    @TempDir
    Path tmp;

    private static RawArchive base() {
        return new RawArchive().add(RawArchive.file("manifest.toml", TestPackages.MANIFEST))
                .add(RawArchive.file("ok.txt", "fine\n"));
    }

    private static RawArchive.Member mode(RawArchive.Member m, int mode) {
        m.mode = mode;
        return m;
    }

    private static RawArchive.Member special(String name, byte flag) {
        return new RawArchive.Member(name, flag, 0644);
    }

    static Stream<Arguments> hostile() {
        String longName = "d/".repeat(2100) + "f";
        return Stream.of(
                Arguments.of("dot-dot file", base().add(RawArchive.file("../evil", "x")), "'..' in path"),
                Arguments.of("dot-dot deep", base().add(RawArchive.file("a/../../evil", "x")), "'..' in path"),
                Arguments.of("dot-slash dot-dot", base().add(RawArchive.file("./../evil", "x")), "'..' in path"),
                Arguments.of("absolute file", base().add(RawArchive.file(ABS_VICTIM, "x")), "absolute path"),
                Arguments.of("absolute symlink", base().add(RawArchive.symlink("etc", "/etc")), "absolute path"),
                Arguments.of("escaping symlink", base().add(RawArchive.symlink("up", "../../..")), "escapes the package root"),
                Arguments.of("root-level dot-dot symlink", base().add(RawArchive.symlink("up", "..")), "escapes the package root"),
                Arguments.of("symlink chain via name/..", base().add(RawArchive.dir("a/")).add(RawArchive.symlink("a/l", ".."))
                        .add(RawArchive.symlink("a/m", "l/..")), "'..' after a name"),
                Arguments.of("file through symlink", base().add(RawArchive.dir("d/")).add(RawArchive.symlink("d/l", ".."))
                        .add(RawArchive.file("d/l/through.txt", "x")), "goes through the symlink d/l"),
                Arguments.of("symlink then file at same path", base().add(RawArchive.symlink("x", "ok.txt"))
                        .add(RawArchive.file("x", "overwrite")), "duplicate member"),
                Arguments.of("hardlink inside", base().add(special("h", TarConstants.LF_LINK).link("ok.txt")), "hard link"),
                Arguments.of("hardlink outside", base().add(special("h", TarConstants.LF_LINK).link("/etc/passwd")), "hard link"),
                Arguments.of("char device", base().add(special("null", TarConstants.LF_CHR)), "character device"),
                Arguments.of("block device", base().add(special("sda", TarConstants.LF_BLK)), "block device"),
                Arguments.of("fifo", base().add(special("pipe", TarConstants.LF_FIFO)), "fifo"),
                Arguments.of("setuid file", base().add(mode(RawArchive.file("suid", "x"), 04755)), "setuid"),
                Arguments.of("setgid file", base().add(mode(RawArchive.file("sgid", "x"), 02755)), "setgid"),
                Arguments.of("sticky dir", base().add(mode(RawArchive.dir("tmp/"), 01777)), "sticky"),
                Arguments.of("duplicate file", base().add(RawArchive.file("ok.txt", "fine\n")), "duplicate member"),
                Arguments.of("dir over file", base().add(RawArchive.dir("ok.txt/")), "duplicate member"),
                Arguments.of("file under file", base().add(RawArchive.file("ok.txt/x", "x")), "parent ok.txt is a file"),
                Arguments.of("newline in name", base().add(RawArchive.file("a\nb", "x")), "control character"),
                Arguments.of("NUL in long name", base().add(RawArchive.file("n".repeat(120) + "\0evil", "x")), "NUL"),
                Arguments.of("name too long", base().add(RawArchive.file(longName, "x")), "longer than 4096"),
                Arguments.of("symlink as manifest", new RawArchive().add(RawArchive.symlink("manifest.toml", "ok.txt"))
                        .add(RawArchive.file("ok.txt", "x")), "must be a regular file"),
                Arguments.of("missing manifest", new RawArchive().add(RawArchive.file("ok.txt", "x")), "manifest.toml: missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileArchiveIsRefusedAndNothingIsWritten(String name, RawArchive archive, String reason) throws IOException {
        assertRefused(archive.fixChecksums(), Limits.DEFAULT, reason);
        assertThat(Path.of(ABS_VICTIM).getParent()).doesNotExist();
    }

    @Test
    void tooManyEntriesIsRefused() throws IOException {
        RawArchive a = base();
        for (int i = 0; i < 20; i++) {
            a.add(RawArchive.file("f" + i, "x"));
        }
        assertRefused(a.fixChecksums(), new Limits(10, 1L << 30, 200, 1 << 20, 4096), "more than 10 entries");
    }

    @Test
    void oversizedPackageIsRefusedFromTheDeclaredSize() throws IOException {
        RawArchive a = base().add(RawArchive.file("big", "y".repeat(2 << 20)));
        assertRefused(a.fixChecksums(), new Limits(1000, 1 << 20, 1e9, 0, 4096), "would exceed 1048576 bytes");
    }

    @Test
    void compressionBombIsRefusedWhileStreaming() throws IOException {
        RawArchive a = base().add(new RawArchive.Member("zeros", TarConstants.LF_NORMAL, 0644).data(new byte[64 << 20]));
        assertRefused(a.fixChecksums(), new Limits(1000, 1L << 40, 100, 1 << 20, 4096), "compression ratio above 100:1");
    }

    @Test
    void hugePaxHeaderIsRefusedBeforeItIsBuffered() throws IOException {
        byte[] record = new byte[8 << 20]; // incompressible, so the ratio check cannot be what stops it
        new java.util.Random(1).nextBytes(record);
        for (int i = 0; i < record.length; i++) {
            record[i] = (byte) ('a' + (record[i] & 15)); // printable, no newlines
        }
        byte[] prefix = (record.length + " path=").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, record, 0, prefix.length);
        record[record.length - 1] = '\n';
        RawArchive a = base().add(new RawArchive.Member("PaxHeaders/x", (byte) 'x', 0644).data(record))
                .add(RawArchive.file("victim", "y"));
        assertRefused(a.fixChecksums(), Limits.DEFAULT, "tar header (pax record");
    }

    @Test
    void dataHiddenBehindASymlinkEntryIsRefused() throws IOException {
        RawArchive.Member dir = RawArchive.symlink("d", "ok.txt").data(new byte[2 << 20]);
        assertRefused(base().add(dir).fixChecksums(), Limits.DEFAULT, "skipped data");
    }

    @Test
    void sameArchivePassesWithoutTheHostileMember() throws IOException {
        // Control for the matrix: the base archive on its own is accepted.
        Path p = base().fixChecksums().write(tmp.resolve("ok.niso"));
        VerifiedPackage v = PackageExtractor.extract(p, tmp.resolve("staging"), TrustPolicy.none());
        assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.UNSIGNED);
        assertThat(TestPackages.listAll(tmp.resolve("staging"))).containsExactly("checksums.sha256", "manifest.toml", "ok.txt");
    }

    private void assertRefused(RawArchive archive, Limits limits, String reason) throws IOException {
        Path pkg = archive.write(tmp.resolve("hostile.niso"));
        Files.createDirectories(tmp.resolve("store"));
        List<String> before = TestPackages.listAll(tmp);
        Path staging = tmp.resolve("store/.staging");
        assertThatThrownBy(() -> PackageVerifier.verify(pkg, TrustPolicy.none(), limits))
                .isInstanceOf(PackageRejectedException.class).hasMessageContaining(reason);
        assertThatThrownBy(() -> PackageExtractor.extract(pkg, staging, TrustPolicy.none(), limits))
                .isInstanceOf(PackageRejectedException.class).hasMessageContaining(reason);
        assertThat(staging).doesNotExist();
        assertThat(TestPackages.listAll(tmp)).isEqualTo(before);
    }
}
