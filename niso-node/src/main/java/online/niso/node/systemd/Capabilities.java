package online.niso.node.systemd;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import online.niso.common.error.InvalidInputException;

/** Linux capability names (as of kernel 6.x) and the add/drop arithmetic behind capabilities_add/_drop. */
final class Capabilities {
    static final SortedSet<String> ALL = new TreeSet<>(List.of(
            "CAP_AUDIT_CONTROL", "CAP_AUDIT_READ", "CAP_AUDIT_WRITE", "CAP_BLOCK_SUSPEND", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
            "CAP_FSETID", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_KILL", "CAP_LEASE", "CAP_LINUX_IMMUTABLE",
            "CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE", "CAP_MKNOD", "CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_RAW", "CAP_PERFMON", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
            "CAP_SETUID", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_CHROOT", "CAP_SYS_MODULE", "CAP_SYS_NICE",
            "CAP_SYS_PACCT", "CAP_SYS_PTRACE", "CAP_SYS_RAWIO", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_SYSLOG", "CAP_WAKE_ALARM"));

    /**
     * The minimal preset's set: Docker's default container capabilities, so "legacy apps that need
     * root" behave as they did in Docker, without CAP_SYS_ADMIN, module loading, raw I/O or ptrace.
     */
    static final Set<String> DOCKER_DEFAULT = Set.of(
            "CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_MKNOD", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
            "CAP_SETUID", "CAP_SYS_CHROOT");

    private Capabilities() {}

    /** "net_bind_service", "NET_BIND_SERVICE" and "CAP_NET_BIND_SERVICE" all name the same capability. */
    static String normalize(String field, String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        String full = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
        if (!ALL.contains(full)) {
            throw new InvalidInputException(field + ": unknown capability \"" + SystemdEscaping.printable(name)
                    + "\" (expected a name such as NET_BIND_SERVICE)");
        }
        return full;
    }

    static SortedSet<String> normalizeAll(String field, Collection<String> names) {
        SortedSet<String> out = new TreeSet<>();
        for (String n : names) {
            if (n.trim().equalsIgnoreCase("ALL")) {
                out.addAll(ALL);
            } else {
                out.add(normalize(field, n));
            }
        }
        return out;
    }
}
