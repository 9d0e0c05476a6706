package online.niso.node.systemd;

import java.util.Map;
import java.util.OptionalLong;
import online.niso.common.error.InvalidInputException;

/** [isolation.resources] and ulimits → cgroup and rlimit directives, replacing any preset value. */
final class ResourceDirectives {
    private static final String FIELD = "isolation.resources";

    /** manifest ulimit name → systemd directive (setrlimit(2) names without RLIMIT_). */
    private static final Map<String, String> LIMITS = Map.ofEntries(
            Map.entry("as", "LimitAS"), Map.entry("core", "LimitCORE"), Map.entry("cpu", "LimitCPU"),
            Map.entry("data", "LimitDATA"), Map.entry("fsize", "LimitFSIZE"), Map.entry("locks", "LimitLOCKS"),
            Map.entry("memlock", "LimitMEMLOCK"), Map.entry("msgqueue", "LimitMSGQUEUE"),
            Map.entry("nice", "LimitNICE"), Map.entry("nofile", "LimitNOFILE"), Map.entry("nproc", "LimitNPROC"),
            Map.entry("rss", "LimitRSS"), Map.entry("rtprio", "LimitRTPRIO"), Map.entry("rttime", "LimitRTTIME"),
            Map.entry("sigpending", "LimitSIGPENDING"), Map.entry("stack", "LimitSTACK"));

    private ResourceDirectives() {}

    static void apply(Directives d, Isolation.Resources r) {
        r.memoryMax().ifPresent(v -> d.set("MemoryMax", Long.toString(positive("memory_max", v))));
        r.memoryHigh().ifPresent(v -> d.set("MemoryHigh", Long.toString(positive("memory_high", v))));
        if (r.memoryMax().isPresent() && r.memoryHigh().isPresent()
                && r.memoryHigh().getAsLong() > r.memoryMax().getAsLong()) {
            throw new InvalidInputException(FIELD + ": memory_high (" + r.memoryHigh().getAsLong()
                    + " bytes) must not exceed memory_max (" + r.memoryMax().getAsLong() + " bytes)");
        }
        r.cpuPercent().ifPresent(v -> {
            if (v < 1 || v > 100 * 1024) {
                throw new InvalidInputException(FIELD + ".cpu_max: expected 1% to 102400%, got " + v + "%");
            }
            d.set("CPUQuota", v + "%");
        });
        r.pidsLimit().ifPresent(v -> d.set("TasksMax", Long.toString(positive("pids_limit", v))));
        r.ioWeight().ifPresent(v -> {
            if (v < 1 || v > 10000) {
                throw new InvalidInputException(FIELD + ".io_weight: expected 1 to 10000, got " + v);
            }
            d.set("IOWeight", Integer.toString(v));
        });
        r.ulimits().forEach((name, limit) -> {
            String directive = LIMITS.get(name);
            if (directive == null) {
                throw new InvalidInputException(FIELD + ".ulimits: unknown limit \"" + SystemdEscaping.printable(name)
                        + "\" (expected one of " + String.join(", ", new java.util.TreeSet<>(LIMITS.keySet())) + ")");
            }
            d.set(directive, limit(name, limit));
        });
    }

    private static String limit(String name, Isolation.Ulimit u) {
        String field = FIELD + ".ulimits." + name;
        for (long v : new long[] {u.soft(), u.hard()}) {
            if (v < 0 && v != Isolation.Ulimit.INFINITY) {
                throw new InvalidInputException(field + ": limits must be >= 0 or infinity, got " + v);
            }
        }
        boolean softInf = u.soft() == Isolation.Ulimit.INFINITY;
        boolean hardInf = u.hard() == Isolation.Ulimit.INFINITY;
        if (!hardInf && (softInf || u.soft() > u.hard())) {
            throw new InvalidInputException(field + ": soft limit (" + (softInf ? "infinity" : u.soft())
                    + ") must not exceed hard limit (" + u.hard() + ")");
        }
        return (softInf ? "infinity" : Long.toString(u.soft())) + ":" + (hardInf ? "infinity" : Long.toString(u.hard()));
    }

    private static long positive(String name, long v) {
        if (v <= 0) {
            throw new InvalidInputException(FIELD + "." + name + ": must be positive, got " + v);
        }
        return v;
    }

    /** /dev/shm size: the manifest's shm_size, else Docker's 64 MiB default. */
    static long shmSize(Isolation.Resources r) {
        OptionalLong v = r.shmSize();
        return v.isPresent() ? positive("shm_size", v.getAsLong()) : 64L * 1024 * 1024;
    }
}
