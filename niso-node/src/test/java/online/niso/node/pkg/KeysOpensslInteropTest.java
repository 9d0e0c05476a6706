package online.niso.node.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import online.niso.common.pkg.PackRequest;
import online.niso.common.pkg.PackResult;
import online.niso.common.pkg.PackageVerifier;
import online.niso.common.pkg.PackageWriter;
import online.niso.common.pkg.SignatureStatus;
import online.niso.common.pkg.TrustPolicy;
import online.niso.common.sign.KeyId;
import online.niso.common.sign.SigningKey;
import online.niso.common.sign.SigningKeys;
import online.niso.common.sign.TrustedKeys;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files are plain PKCS#8 / SPKI PEM: openssl reads ours and we read openssl's. */
@RequiresRealHosts(tools = {"openssl"})
class KeysOpensslInteropTest {
    @TempDir
    Path tmp;

    @Test
    void opensslReadsBothKeyFilesAndDerivesTheSamePublicKey() throws Exception {
        SigningKeys.writeKeyPair(tmp);
        String text = Procs.ok(tmp, "openssl", "pkey", "-in", "niso-signing.key", "-noout", "-text");
        assertThat(text).contains("ED25519 Private-Key");
        String derivedPub = Procs.ok(tmp, "openssl", "pkey", "-in", "niso-signing.key", "-pubout");
        assertThat(derivedPub).isEqualTo(Files.readString(tmp.resolve("niso-signing.pub")));
        Procs.ok(tmp, "openssl", "pkey", "-pubin", "-in", "niso-signing.pub", "-noout");
    }

    @Test
    void opensslGeneratedKeySignsAPackageThatVerifiesAgainstItsPublicKey() throws Exception {
        Procs.ok(tmp, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "o.key");
        Procs.ok(tmp, "openssl", "pkey", "-in", "o.key", "-pubout", "-out", "trusted.pub");
        SigningKey key = SigningKeys.readPrivate(tmp.resolve("o.key"));
        KeyId expected = SigningKeys.keyId(SigningKeys.readPublic(tmp.resolve("trusted.pub")));
        assertThat(key.keyId()).isEqualTo(expected);
        PackResult r = new PackageWriter().write(new PackRequest("o", "1", "x86_64",
                "[package]\nname = \"o\"\n".getBytes(), List.of(), Optional.of(key), 0, tmp.resolve("out")));
        assertThat(PackageVerifier.verify(r.file(), TrustPolicy.requireOneOf(TrustedKeys.load(tmp))).signatureStatus())
                .isEqualTo(SignatureStatus.TRUSTED);
    }
}
