package online.niso.fleet.inventory;

import online.niso.common.hash.Sha256;

/** sha256 of canonical text, as {@code sha256:<hex>}: the identity of desired state, snapshots and plans. */
public final class Digests {
    private Digests() {}

    public static String sha256(String canonicalText) {
        return "sha256:" + Sha256.hex(canonicalText);
    }

    public static String sha256(byte[] bytes) {
        return "sha256:" + Sha256.hex(bytes);
    }

    /** "sha256:0123456789ab…" for human output; JSON always carries the full digest. */
    public static String shortForm(String digest) {
        int cut = digest.startsWith("sha256:") ? 7 + 12 : 12;
        return digest.length() <= cut ? digest : digest.substring(0, cut) + "…";
    }
}
