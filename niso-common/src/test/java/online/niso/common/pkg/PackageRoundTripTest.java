package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import online.niso.common.sign.SigningKey;
import online.niso.common.sign.SigningKeys;
import online.niso.common.sign.TrustedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void signedPackageExtractsWithNormalisedModesAndTrustedSignature() throws Exception {
        SigningKey key = SigningKeys.generate();
        PackResult r = TestPackages.pack(TestPackages.project(tmp.resolve("p")), tmp.resolve("out"), Optional.of(key));
        assertThat(r.file().getFileName().toString()).isEqualTo("demo-1.0.0-x86_64.niso");
        assertThat(r.keyId()).contains(key.keyId());
        assertThat(Files.getPosixFilePermissions(r.file())).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

        Path staging = tmp.resolve("staging");
        VerifiedPackage v = PackageExtractor.extract(r.file(), staging,
                TrustPolicy.requireOneOf(List.of(TrustedKey.of(key.publicKey(), "test"))));
        assertThat(v.digest()).isEqualTo(r.digest()).startsWith("sha256:");
        assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(v.describeSignature()).isEqualTo("signed by " + key.keyId() + " (trusted)");
        assertThat(v.manifestToml()).isEqualTo(TestPackages.MANIFEST);
        assertThat(v.fileCount()).isEqualTo(r.fileCount()).isEqualTo(8);
        assertThat(v.uncompressedBytes()).isEqualTo(r.uncompressedBytes());
        assertThat(TestPackages.listAll(staging)).containsExactly("bin", "bin/demo", "checksums.sha256", "lib",
                "lib/a.txt", "lib/current", "lib/deep", "lib/deep/er", "lib/deep/er/b.txt", "lib/empty",
                "lib/with space.txt", "manifest.toml", "signature.ed25519");
        assertThat(Files.getPosixFilePermissions(staging.resolve("bin/demo")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(staging.resolve("lib/a.txt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.readSymbolicLink(staging.resolve("lib/current"))).isEqualTo(Path.of("deep/er/b.txt"));
        assertThat(Files.readString(staging.resolve("lib/deep/er/b.txt"))).isEqualTo("beta ".repeat(1000));
    }

    @Test
    void largeAndSmallFilesInterleavedExtractWithContentAndModes() throws Exception {
        Path p = TestPackages.project(tmp.resolve("p"));
        byte[] big = new byte[(5 << 20) + 123];
        new java.util.Random(5).nextBytes(big);
        Files.write(p.resolve("bin/big"), big);
        Files.setPosixFilePermissions(p.resolve("bin/big"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.write(p.resolve("bin/big2"), big);
        PackResult r = TestPackages.pack(p, tmp.resolve("out"), Optional.empty());
        Path staging = tmp.resolve("staging");
        PackageExtractor.extract(r.file(), staging, TrustPolicy.none());
        assertThat(Files.readAllBytes(staging.resolve("bin/big"))).isEqualTo(big);
        assertThat(Files.readAllBytes(staging.resolve("bin/big2"))).isEqualTo(big);
        assertThat(Files.getPosixFilePermissions(staging.resolve("bin/big")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(staging.resolve("bin/big2")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.readString(staging.resolve("bin/demo"))).isEqualTo("#!/bin/sh\necho hello\n");
    }

    @Test
    void verifyWritesNothingAndReportsUntrustedSignerWhenNoKeysConfigured() throws Exception {
        SigningKey key = SigningKeys.generate();
        PackResult r = TestPackages.pack(TestPackages.project(tmp.resolve("p")), tmp.resolve("out"), Optional.of(key));
        List<String> before = TestPackages.listAll(tmp);
        VerifiedPackage v = PackageVerifier.verify(r.file(), TrustPolicy.none());
        assertThat(v.describeSignature())
                .isEqualTo("signed by " + key.keyId() + " (untrusted: no trusted keys configured)");
        assertThat(TestPackages.listAll(tmp)).isEqualTo(before);
    }

    @Test
    void unsignedPackageIsAcceptedWithoutTrustedKeys() throws Exception {
        PackResult r = TestPackages.pack(TestPackages.project(tmp.resolve("p")), tmp.resolve("out"), Optional.empty());
        assertThat(r.keyId()).isEmpty();
        VerifiedPackage v = PackageVerifier.verify(r.file(), TrustPolicy.none());
        assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.UNSIGNED);
        assertThat(v.describeSignature()).isEqualTo("unsigned");
        assertThat(v.digest()).isEqualTo(r.digest());
    }

    @Test
    void signingDoesNotChangeTheDigest() throws Exception {
        Path p = TestPackages.project(tmp.resolve("p"));
        PackResult signed = TestPackages.pack(p, tmp.resolve("a"), Optional.of(SigningKeys.generate()));
        PackResult unsigned = TestPackages.pack(p, tmp.resolve("b"), Optional.empty());
        assertThat(signed.digest()).isEqualTo(unsigned.digest());
    }

    @Test
    void readManifestReturnsTheManifestText() throws Exception {
        PackResult r = TestPackages.pack(TestPackages.project(tmp.resolve("p")), tmp.resolve("out"), Optional.empty());
        assertThat(PackageReader.readManifest(r.file())).isEqualTo(TestPackages.MANIFEST);
    }

    @Test
    void extractRefusesAnExistingStagingDirectory() throws Exception {
        PackResult r = TestPackages.pack(TestPackages.project(tmp.resolve("p")), tmp.resolve("out"), Optional.empty());
        Files.createDirectory(tmp.resolve("staging"));
        Files.writeString(tmp.resolve("staging/keep"), "x");
        assertThatThrownBy(() -> PackageExtractor.extract(r.file(), tmp.resolve("staging"), TrustPolicy.none()))
                .hasMessageContaining("already exists");
        assertThat(tmp.resolve("staging/keep")).exists();
    }

    @Test
    void writerRefusesUnsortedOrReservedEntries() throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        PackRequest reserved = new PackRequest("demo", "1", "x86_64", new byte[0],
                List.of(PackEntry.file("checksums.sha256", f, false)), Optional.empty(), 0, tmp.resolve("o"));
        assertThatThrownBy(() -> new PackageWriter().write(reserved)).hasMessageContaining("reserved");
        PackRequest badName = new PackRequest("../evil", "1", "x86_64", new byte[0], List.of(), Optional.empty(), 0,
                tmp.resolve("o"));
        assertThatThrownBy(() -> new PackageWriter().write(badName)).hasMessageContaining("cannot be used in a file name");
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
