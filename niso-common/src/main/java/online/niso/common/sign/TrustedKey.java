package online.niso.common.sign;

import java.security.PublicKey;

/** A public key the operator trusts, with where it came from (a file path) for error messages. */
public record TrustedKey(KeyId keyId, PublicKey publicKey, String source) {

    public static TrustedKey of(PublicKey key, String source) {
        return new TrustedKey(KeyId.ofRawPublicKey(Ed25519.rawPublicKey(key)), key, source);
    }
}
