package online.niso.fleet.remote;

import online.niso.common.cmd.Cmd;

/**
 * Small shell scripts the controller runs in ONE round trip where it used to need several (mkdir, then an
 * SFTP session for a few hundred bytes, then mv): the deploy lock, its release and the audit record. Pure
 * values; each script names itself by its {@code $0} so a fake host can tell them apart. Contents travel as
 * arguments (never through a shell's parsing: "$3" is data); none of them is secret (holder, pid, plan
 * digest, per-host results).
 */
public final class Scripts {
    public static final String LOCK = "niso-fleet-lock";
    public static final String UNLOCK = "niso-fleet-unlock";
    public static final String WRITE = "niso-fleet-write";
    /** Exit status of {@link #lock} when the lock directory already exists (someone holds it). */
    public static final int HELD = 91;
    /** Exit status of {@link #unlock} when the lock is gone or its details are not the given ones. */
    public static final int NOT_MINE = 91;

    private Scripts() {}

    /** mkdir -p {@code root}; mkdir {@code dir} (atomic: one winner) and write {@code details} into it. */
    public static Cmd lock(String root, String dir, String details) {
        return Cmd.of("sh", "-c", "umask 077; mkdir -p -- \"$1\" || exit 90; mkdir -- \"$2\" 2>/dev/null || exit "
                + HELD + "; printf '%s\\n' \"$3\" > \"$2/details.json.part\" && mv -f -- \"$2/details.json.part\""
                + " \"$2/details.json\"", LOCK, root, dir, details);
    }

    /** Removes {@code dir} only if its details are exactly {@code details} (ours); else exit {@link #NOT_MINE}. */
    public static Cmd unlock(String dir, String details) {
        return Cmd.of("sh", "-c", "[ \"$(cat -- \"$1/details.json\" 2>/dev/null)\" = \"$2\" ] || exit " + NOT_MINE
                + "; rm -rf -- \"$1\"", UNLOCK, dir, details);
    }

    /** Writes {@code content} + newline to {@code path} (temp + rename, mode 0600), creating {@code dir} first. */
    public static Cmd write(String dir, String path, String content) {
        return Cmd.of("sh", "-c", "umask 077; mkdir -p -- \"$1\" && printf '%s\\n' \"$3\" > \"$2.part\" && mv -f --"
                + " \"$2.part\" \"$2\"", WRITE, dir, path, content);
    }

    /** Larger contents go by SFTP instead (an argument is limited to 128 KiB on Linux). */
    public static boolean fitsAnArgument(String content) {
        return content.length() < 64 * 1024;
    }
}
