package online.niso.common.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Package signatures are checked with RFC 8032's own test vectors, and only Ed25519 keys are read. */
class Ed25519VectorsTest {

    /** RFC 8032 7.1, tests 1 and 2: the empty message and a one-byte message. */
    @ParameterizedTest
    @ValueSource(strings = {
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a||e5564300c360ac729086e2cc806e828a"
            + "84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c|72|92a009a9f0d4cab8720e820b5f642540"
            + "a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"})
    void verifiesRfc8032Vectors(String vector) {
        String[] parts = vector.split("\\|", -1);
        HexFormat hex = HexFormat.of();
        PublicKey key = Ed25519.publicKeyFromRaw(hex.parseHex(parts[0]));
        byte[] message = hex.parseHex(parts[1]);
        byte[] signature = hex.parseHex(parts[2]);
        assertThat(Ed25519.verify(key, message, signature)).isTrue();
        signature[0] ^= 1;
        assertThat(Ed25519.verify(key, message, signature)).isFalse();
    }

    @Test
    void refusesOtherKeyTypesAndMalformedEncodings() throws Exception {
        byte[] ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic().getEncoded();
        byte[] x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
        byte[] ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] trailing = java.util.Arrays.copyOf(ed25519, ed25519.length + 1);
        byte[] truncated = java.util.Arrays.copyOf(ed25519, ed25519.length - 1);
        for (byte[] bad : new byte[][] {ed448, x25519, trailing, truncated, new byte[0]}) {
            assertThatThrownBy(() -> Ed25519.publicKeyFromSpki(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 8410");
        }
    }
}
