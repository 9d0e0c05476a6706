package online.niso.common.sign;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Thin wrapper over the JDK's Ed25519 (SunEC): raw key bytes, sign, verify. */
public final class Ed25519 {
    public static final int RAW_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    /** X.509 SubjectPublicKeyInfo prefix for Ed25519 (RFC 8410): the raw key follows it. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519() {
    }

    static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JDK", e);
        }
    }

    /** The 32 raw bytes of an Ed25519 public key (what the key id and signature file are built from). */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !isEd25519Spki(der)) {
            throw new IllegalArgumentException("not an Ed25519 public key (" + key.getAlgorithm() + ")");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** Exactly RFC 8410's 44 bytes: the Ed25519 prefix and the raw key, nothing after it. */
    private static boolean isEd25519Spki(byte[] der) {
        return der.length == SPKI_PREFIX.length + RAW_KEY_LENGTH
                && Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length);
    }

    public static PublicKey publicKeyFromRaw(byte[] raw) {
        if (raw.length != RAW_KEY_LENGTH) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes, got " + raw.length);
        }
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + RAW_KEY_LENGTH);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, RAW_KEY_LENGTH);
        return publicKeyFromSpki(der);
    }

    /**
     * The key in exactly RFC 8410's 44-byte SubjectPublicKeyInfo. Checked before the JDK reads it: its KeyFactory
     * ignores bytes after the DER structure, and a trusted key file with anything appended is not one niso wrote.
     */
    static PublicKey publicKeyFromSpki(byte[] der) {
        if (!isEd25519Spki(der)) {
            throw new IllegalArgumentException("expected the " + (SPKI_PREFIX.length + RAW_KEY_LENGTH)
                    + "-byte SubjectPublicKeyInfo of an Ed25519 key (RFC 8410), got " + der.length + " bytes"
                    + (der.length == SPKI_PREFIX.length + RAW_KEY_LENGTH ? " of another key type" : ""));
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            rawPublicKey(key); // rejects Ed448 and anything else that parsed
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKeyFromPkcs8(byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
