package online.niso.node.systemd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/** [isolation]: a preset plus field-level overrides applied on top of it. */
public record Isolation(IsolationPreset preset, Resources resources, Security security) {
    public Isolation {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(security, "security");
    }

    public static Isolation of(IsolationPreset preset) {
        return new Isolation(preset, Resources.none(), Security.none());
    }

    public Isolation with(Resources r) {
        return new Isolation(preset, r, security);
    }

    public Isolation with(Security s) {
        return new Isolation(preset, resources, s);
    }

    /** seccomp = "default" | "strict". */
    public enum Seccomp { DEFAULT, STRICT }

    /** One rlimit; {@link #INFINITY} for "infinity". */
    public record Ulimit(long soft, long hard) {
        public static final long INFINITY = -1;
    }

    /**
     * [isolation.resources] and its ulimits; sizes already in bytes, cpu in percent of one core.
     * Empty means "keep the preset's value".
     */
    public record Resources(OptionalLong memoryMax, OptionalLong memoryHigh, OptionalInt cpuPercent,
                            OptionalLong pidsLimit, OptionalInt ioWeight, OptionalLong shmSize,
                            SortedMap<String, Ulimit> ulimits) {
        public Resources {
            ulimits = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ulimits));
        }

        public static Resources none() {
            return new Resources(OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(),
                    OptionalLong.empty(), OptionalInt.empty(), OptionalLong.empty(), new TreeMap<>());
        }

        public Resources memoryMax(long bytes) {
            return new Resources(OptionalLong.of(bytes), memoryHigh, cpuPercent, pidsLimit, ioWeight, shmSize, ulimits);
        }

        public Resources memoryHigh(long bytes) {
            return new Resources(memoryMax, OptionalLong.of(bytes), cpuPercent, pidsLimit, ioWeight, shmSize, ulimits);
        }

        public Resources cpuPercent(int percent) {
            return new Resources(memoryMax, memoryHigh, OptionalInt.of(percent), pidsLimit, ioWeight, shmSize, ulimits);
        }

        public Resources pidsLimit(long pids) {
            return new Resources(memoryMax, memoryHigh, cpuPercent, OptionalLong.of(pids), ioWeight, shmSize, ulimits);
        }

        public Resources ioWeight(int weight) {
            return new Resources(memoryMax, memoryHigh, cpuPercent, pidsLimit, OptionalInt.of(weight), shmSize, ulimits);
        }

        public Resources shmSize(long bytes) {
            return new Resources(memoryMax, memoryHigh, cpuPercent, pidsLimit, ioWeight, OptionalLong.of(bytes), ulimits);
        }

        public Resources ulimit(String name, long soft, long hard) {
            TreeMap<String, Ulimit> u = new TreeMap<>(ulimits);
            u.put(name, new Ulimit(soft, hard));
            return new Resources(memoryMax, memoryHigh, cpuPercent, pidsLimit, ioWeight, shmSize, u);
        }
    }

    /** [isolation.security]. Capability names with or without the CAP_ prefix. */
    public record Security(Optional<Seccomp> seccomp, List<String> capabilitiesAdd, List<String> capabilitiesDrop,
                           Optional<Boolean> noNewPrivileges) {
        public Security {
            Objects.requireNonNull(seccomp, "seccomp");
            capabilitiesAdd = List.copyOf(capabilitiesAdd);
            capabilitiesDrop = List.copyOf(capabilitiesDrop);
            Objects.requireNonNull(noNewPrivileges, "noNewPrivileges");
        }

        public static Security none() {
            return new Security(Optional.empty(), List.of(), List.of(), Optional.empty());
        }

        public Security seccomp(Seccomp s) {
            return new Security(Optional.of(s), capabilitiesAdd, capabilitiesDrop, noNewPrivileges);
        }

        public Security add(String... caps) {
            return new Security(seccomp, List.of(caps), capabilitiesDrop, noNewPrivileges);
        }

        public Security drop(String... caps) {
            return new Security(seccomp, capabilitiesAdd, List.of(caps), noNewPrivileges);
        }

        public Security noNewPrivileges(boolean value) {
            return new Security(seccomp, capabilitiesAdd, capabilitiesDrop, Optional.of(value));
        }
    }
}
