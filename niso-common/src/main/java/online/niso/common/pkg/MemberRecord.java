package online.niso.common.pkg;

/**
 * What the canonical statement says about one member: path, type, mode (permission bits as stored
 * in the archive), size, SHA-256 hex (files only, else null) and link target (symlinks only).
 */
public record MemberRecord(String path, EntryType type, int mode, long size, String sha256, String linkTarget) {
}
