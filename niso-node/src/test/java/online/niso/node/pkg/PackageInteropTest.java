package online.niso.node.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import online.niso.common.pkg.PackRequest;
import online.niso.common.pkg.PackResult;
import online.niso.common.pkg.PackSource;
import online.niso.common.pkg.PackageExtractor;
import online.niso.common.pkg.PackageRejectedException;
import online.niso.common.pkg.PackageWriter;
import online.niso.common.pkg.SignatureStatus;
import online.niso.common.pkg.TrustPolicy;
import online.niso.common.pkg.VerifiedPackage;
import online.niso.common.sign.SigningKey;
import online.niso.common.sign.SigningKeys;
import online.niso.common.sign.TrustedKey;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .niso files work with the stock tools: GNU tar, zstd and sha256sum, in both directions. */
@RequiresRealHosts(tools = {"tar", "zstd", "sha256sum"})
class PackageInteropTest {
    private static final String MANIFEST = "[package]\nname = \"hand\"\nversion = \"0.1.0\"\n";

    @TempDir
    Path tmp;

    private PackResult packDemo(Optional<SigningKey> key) throws Exception {
        Path p = tmp.resolve("project");
        Files.createDirectories(p.resolve("bin"));
        Files.createDirectories(p.resolve("share/doc"));
        Files.writeString(p.resolve("manifest.toml"), MANIFEST);
        Files.writeString(p.resolve("bin/app"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(p.resolve("bin/app"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(p.resolve("share/doc/read me.txt"), "with a space\n");
        Files.createSymbolicLink(p.resolve("share/app"), Path.of("../bin/app"));
        PackSource.Result src = PackSource.collect(p, List.of(), Optional.empty());
        return new PackageWriter().write(new PackRequest("hand", "0.1.0", "x86_64", src.manifest(), src.entries(), key,
                PackRequest.DEFAULT_MTIME, tmp.resolve("out")));
    }

    @Test
    void gnuTarListsANisoPackage() throws Exception {
        PackResult r = packDemo(Optional.of(SigningKeys.generate()));
        String listing = Procs.ok(tmp, "tar", "--zstd", "-tvf", r.file().toString());
        assertThat(listing).contains("-rw-r--r-- 0/0", "manifest.toml", "-rwxr-xr-x 0/0", "bin/app",
                "share/doc/read me.txt", "share/app -> ../bin/app", "checksums.sha256", "signature.ed25519");
        Procs.ok(tmp, "zstd", "-t", "-q", r.file().toString()); // a valid zstd frame with checksum
    }

    @Test
    void sha256sumAcceptsChecksumsInExtractedCopies() throws Exception {
        PackResult r = packDemo(Optional.empty());
        Path staging = tmp.resolve("staging");
        PackageExtractor.extract(r.file(), staging, TrustPolicy.none());
        assertThat(Procs.ok(staging, "sha256sum", "-c", "--strict", "checksums.sha256"))
                .contains("manifest.toml: OK", "bin/app: OK", "share/doc/read me.txt: OK");
        Path gnu = Files.createDirectories(tmp.resolve("gnu"));
        Procs.ok(gnu, "tar", "--zstd", "-xf", r.file().toString());
        Procs.ok(gnu, "sha256sum", "-c", "--strict", "checksums.sha256");
    }

    /** manifest.toml + bin/app, checksummed with sha256sum, archived with GNU tar, compressed with zstd. */
    private Path handMadePackage(String how) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("hand"));
        Files.createDirectories(src.resolve("bin"));
        Files.writeString(src.resolve("manifest.toml"), MANIFEST);
        Files.writeString(src.resolve("bin/app"), "#!/bin/sh\necho hand\n");
        Files.setPosixFilePermissions(src.resolve("bin/app"), PosixFilePermissions.fromString("rwxrwxr-x"));
        Procs.ok(src, "sh", "-c", "sha256sum manifest.toml bin/app > checksums.sha256");
        Path out = tmp.resolve("hand-0.1.0-x86_64.niso");
        if (how.equals("pipe")) {
            // ./ prefixes, a ./ root entry, directory entries, real uid/gid and mtimes: all must be accepted.
            Procs.ok(src, "sh", "-c", "tar -cf - . | zstd -3 -T0 -q > " + out);
        } else {
            Procs.ok(src, "tar", "--zstd", "-cf", out.toString(), "manifest.toml", "bin/app", "checksums.sha256");
        }
        return out;
    }

    @Test
    void handAssembledPackageInstallsWithAllowUnsigned() throws Exception {
        Path pkg = handMadePackage("pipe");
        SigningKey trusted = SigningKeys.generate();
        TrustPolicy policy = TrustPolicy.requireOneOf(List.of(TrustedKey.of(trusted.publicKey(), "t")));

        Path refused = tmp.resolve("store/.staging-1");
        Files.createDirectories(refused.getParent());
        assertThatThrownBy(() -> PackageExtractor.extract(pkg, refused, policy))
                .isInstanceOf(PackageRejectedException.class).hasMessageContaining("unsigned");
        assertThat(refused).doesNotExist();
        try (var left = Files.list(refused.getParent())) {
            assertThat(left.toList()).isEmpty();
        }

        Path staging = tmp.resolve("store/.staging-2");
        VerifiedPackage v = PackageExtractor.extract(pkg, staging, policy.withAllowUnsigned(true));
        assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.UNSIGNED);
        assertThat(v.manifestToml()).isEqualTo(MANIFEST);
        assertThat(Files.readString(staging.resolve("bin/app"))).isEqualTo("#!/bin/sh\necho hand\n");
        assertThat(Files.getPosixFilePermissions(staging.resolve("bin/app")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x")); // normalised from 0775
        Procs.ok(staging, "sha256sum", "-c", "--strict", "checksums.sha256");
    }

    @Test
    void handAssembledPackageWithoutDirectoryEntriesInstallsWithoutTrustedKeys() throws Exception {
        Path pkg = handMadePackage("names");
        VerifiedPackage v = PackageExtractor.extract(pkg, tmp.resolve("staging"), TrustPolicy.none());
        assertThat(v.describeSignature()).isEqualTo("unsigned");
        assertThat(tmp.resolve("staging/bin/app")).isRegularFile();
    }
}
