package online.niso.fleet.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 of canonical text, as {@code sha256:<hex>}: the identity of desired state, snapshots and plans. */
public final class Digests {
    private Digests() {}

    public static String sha256(String canonicalText) {
        return sha256(canonicalText.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "sha256:" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** "sha256:0123456789ab…" for human output; JSON always carries the full digest. */
    public static String shortForm(String digest) {
        int cut = digest.startsWith("sha256:") ? 7 + 12 : 12;
        return digest.length() <= cut ? digest : digest.substring(0, cut) + "…";
    }
}
