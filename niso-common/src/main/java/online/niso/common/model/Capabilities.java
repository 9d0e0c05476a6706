package online.niso.common.model;

import java.util.List;
import java.util.Locale;

/** Linux capability names (capabilities(7), up to CAP_CHECKPOINT_RESTORE, Linux 5.9). */
public final class Capabilities {
    public static final List<String> ALL = List.of("AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND",
            "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
            "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD",
            "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID",
            "SETPCAP", "SETUID", "SYSLOG", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE",
            "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM");

    private Capabilities() {
    }

    /** Accepts "NET_BIND_SERVICE", "CAP_NET_BIND_SERVICE", any case; returns "CAP_NET_BIND_SERVICE". */
    public static String parse(String text) {
        String up = text.toUpperCase(Locale.ROOT);
        String bare = up.startsWith("CAP_") ? up.substring(4) : up;
        if (ALL.contains(bare)) {
            return "CAP_" + bare;
        }
        String hint = Texts.closest(bare, ALL).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
        throw new InvalidValueException("expected a Linux capability name like NET_BIND_SERVICE, got "
                + Texts.quote(text) + hint);
    }
}
