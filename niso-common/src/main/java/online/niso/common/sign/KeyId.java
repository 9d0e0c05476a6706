package online.niso.common.sign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Fingerprint of an Ed25519 public key: {@code SHA256:} + unpadded base64 of SHA-256 over the raw
 * 32-byte key, the same shape {@code ssh-keygen -l} prints, so operators can compare ids by eye.
 */
public record KeyId(String value) implements Comparable<KeyId> {
    private static final Pattern FORM = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    public KeyId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a key id: " + value);
        }
    }

    public static KeyId ofRawPublicKey(byte[] raw32) {
        if (raw32.length != Ed25519.RAW_KEY_LENGTH) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes, got " + raw32.length);
        }
        return new KeyId("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(raw32)));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // Written out, same meaning as the generated ones, whose first call bootstraps ObjectMethods during every
    // install (RecordEqualityTest keeps them complete).
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyId k && value.equals(k.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(KeyId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
