package online.niso.common.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import online.niso.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {
    @TempDir
    Path tmp;

    @Test
    void writeKeyPairWritesPemFilesWithSafeModesAndMatchingIds() throws Exception {
        KeyId id = SigningKeys.writeKeyPair(tmp.resolve("keys"));
        Path priv = tmp.resolve("keys/niso-signing.key");
        Path pub = tmp.resolve("keys/niso-signing.pub");
        assertThat(Files.getPosixFilePermissions(priv)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(pub)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        SigningKey key = SigningKeys.readPrivate(priv);
        assertThat(key.keyId()).isEqualTo(id);
        assertThat(SigningKeys.keyId(SigningKeys.readPublic(pub))).isEqualTo(id);
        assertThat(TestFiles.onlyKeyFiles(tmp.resolve("keys"))).containsExactly("niso-signing.key", "niso-signing.pub");
    }

    @Test
    void keyIdIsSha256OfRawKeyInUnpaddedBase64() {
        byte[] raw = new byte[32];
        raw[0] = 1;
        KeyId id = KeyId.ofRawPublicKey(raw);
        String expected = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(KeyId.sha256(raw));
        assertThat(id.value()).isEqualTo(expected).hasSize(7 + 43).doesNotContain("=");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void derivedPublicKeySignsAndVerifiesRoundTrip(int seed) {
        SigningKey k = SigningKeys.generate();
        byte[] msg = ("message " + seed).getBytes(StandardCharsets.UTF_8);
        PublicKeyCheck.assertSameKey(SigningKeys.derivePublic(k.privateKey()), k.publicKey());
        byte[] sig = k.sign(msg);
        assertThat(Ed25519.verify(k.publicKey(), msg, sig)).isTrue();
        msg[0] ^= 1;
        assertThat(Ed25519.verify(k.publicKey(), msg, sig)).isFalse();
        assertThat(Ed25519.verify(SigningKeys.generate().publicKey(), msg, sig)).isFalse();
    }

    @Test
    void refusesToOverwriteAnExistingKey() throws Exception {
        SigningKeys.writeKeyPair(tmp);
        String before = Files.readString(tmp.resolve("niso-signing.key"));
        assertThatThrownBy(() -> SigningKeys.writeKeyPair(tmp))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
        assertThat(Files.readString(tmp.resolve("niso-signing.key"))).isEqualTo(before);
    }

    @Test
    void malformedKeyFilesGiveClearErrors() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.pub"), "hello");
        assertThatThrownBy(() -> SigningKeys.readPublic(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.pub: not an Ed25519 public key");
        SigningKeys.writeKeyPair(tmp.resolve("k"));
        // A private key where a public one is expected (a common mix-up) is refused, not misread.
        assertThatThrownBy(() -> SigningKeys.readPublic(tmp.resolve("k/niso-signing.key")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SigningKeys.readPrivate(tmp.resolve("missing.key")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not found");
    }

    @Test
    void trustedKeysLoadsEveryPubSortedAndFailsOnAMalformedOne() throws Exception {
        Path dir = tmp.resolve("trusted");
        Files.createDirectories(dir);
        SigningKey a = SigningKeys.generate();
        SigningKey b = SigningKeys.generate();
        Files.writeString(dir.resolve("b.pub"), SigningKeys.publicKeyPem(b.publicKey()));
        Files.writeString(dir.resolve("a.pub"), SigningKeys.publicKeyPem(a.publicKey()));
        Files.writeString(dir.resolve("README"), "not a key");
        List<TrustedKey> keys = TrustedKeys.load(dir);
        assertThat(keys).extracting(TrustedKey::keyId).containsExactly(a.keyId(), b.keyId());
        assertThat(TrustedKeys.load(tmp.resolve("nope"))).isEmpty();
        Files.writeString(dir.resolve("c.pub"), "garbage");
        assertThatThrownBy(() -> TrustedKeys.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("c.pub");
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        SigningKey k = SigningKeys.generate();
        assertThat(k.toString()).isEqualTo("SigningKey[" + k.keyId() + "]");
    }

    /** Helpers kept tiny and local. */
    static final class PublicKeyCheck {
        static void assertSameKey(java.security.PublicKey a, java.security.PublicKey b) {
            assertThat(Ed25519.rawPublicKey(a)).isEqualTo(Ed25519.rawPublicKey(b));
        }
    }

    static final class TestFiles {
        static List<String> onlyKeyFiles(Path dir) throws java.io.IOException {
            try (var s = Files.list(dir)) {
                return s.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }
}
