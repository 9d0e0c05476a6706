package online.niso.common.sign;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A private Ed25519 key together with its public half and key id. The public half is needed at
 * signing time because the signature file embeds it (so an untrusted verifier can still check
 * consistency and name the signer).
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, KeyId keyId) {

    public byte[] rawPublicKey() {
        return Ed25519.rawPublicKey(publicKey);
    }

    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]"; // never print key material
    }
}
