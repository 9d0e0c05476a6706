package online.niso.common.model;

import java.util.List;

/**
 * A resource limit pair; {@link #INFINITY} stands for "infinity". Rendered for systemd's
 * Limit<NAME>= as "soft:hard".
 */
public record Ulimit(long soft, long hard) {
    public static final long INFINITY = Long.MAX_VALUE;
    /** The names systemd accepts as Limit<NAME>= (lowercase, as written in manifest.toml). */
    public static final List<String> NAMES = List.of("as", "core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    public Ulimit {
        if (soft < 0 || hard < 0) {
            throw new InvalidValueException("limits cannot be negative");
        }
        if (soft > hard) {
            throw new InvalidValueException("soft limit (" + render(soft) + ") must not exceed hard limit (" + render(hard) + ")");
        }
    }

    /** An integer, or the string "infinity". */
    public static long parseLimit(String text) {
        if (text.equals("infinity")) {
            return INFINITY;
        }
        throw InvalidValueException.expected("a whole number or \"infinity\"", text);
    }

    public static String render(long v) {
        return v == INFINITY ? "infinity" : Long.toString(v);
    }

    public String toSystemd() {
        return soft == hard ? render(soft) : render(soft) + ":" + render(hard);
    }
}
