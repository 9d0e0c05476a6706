package online.niso.common.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The process umask, read from /proc/self/status (Linux 4.7+), so extraction can create files with
 * their final mode and skip a chmod per file when the umask cannot strip any of its bits. When the
 * umask is unknown every file is chmod-ed, as before.
 */
final class Umask {
    /** Unknown umask: treat every permission bit as possibly stripped. */
    static final int UNKNOWN = 0777;

    private Umask() {
    }

    static int current() {
        try {
            return parse(Files.readString(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)).orElse(UNKNOWN);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The {@code Umask:} line of a /proc/PID/status text (octal), if present and well-formed. */
    static OptionalInt parse(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("Umask:")) {
                String v = line.substring("Umask:".length()).strip();
                if (v.matches("[0-7]{1,4}")) {
                    return OptionalInt.of(Integer.parseInt(v, 8) & 0777);
                }
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** True when creating with {@code mode} under {@code umask} would not give exactly {@code mode}. */
    static boolean needsChmod(int umask, int mode) {
        return (mode & umask) != 0;
    }
}
