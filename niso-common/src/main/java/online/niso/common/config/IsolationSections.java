package online.niso.common.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import online.niso.common.model.ByteSize;
import online.niso.common.model.Capabilities;
import online.niso.common.model.ConfigEnum;
import online.niso.common.model.CpuPercent;
import online.niso.common.model.Isolation;
import online.niso.common.model.Resources;
import online.niso.common.model.Security;
import online.niso.common.model.Texts;
import online.niso.common.model.Ulimit;

/** manifest.toml [isolation], [isolation.resources(.ulimits)], [isolation.security]. */
final class IsolationSections {
    private static final String SIZE = "a size like 512M";

    private IsolationSections() {
    }

    static Isolation isolation(TomlReader i) {
        Isolation.Preset preset = i.value("preset", "a preset name like server",
                t -> ConfigEnum.parse(Isolation.Preset.class, t, "an isolation preset")).orElse(Isolation.Preset.SERVER);
        Resources resources = i.table("resources").map(IsolationSections::resources).orElse(Resources.NONE);
        Security security = i.table("security").map(IsolationSections::security).orElse(Security.PRESET);
        i.finish();
        return new Isolation(preset, resources, security);
    }

    private static Resources resources(TomlReader r) {
        Optional<ByteSize> memoryMax = positive(r, "memory_max");
        Optional<ByteSize> memoryHigh = positive(r, "memory_high");
        Optional<CpuPercent> cpu = r.value("cpu_max", "a CPU share like 200%", CpuPercent::parse);
        OptionalInt pids = toInt(r.integer("pids_limit", 1, 4_194_304));
        Optional<ByteSize> shm = positive(r, "shm_size");
        // systemd IOWeight= accepts 1..10000 (100 is the kernel default)
        OptionalInt io = toInt(r.integer("io_weight", 1, 10_000));
        Map<String, Ulimit> ulimits = r.table("ulimits").map(IsolationSections::ulimits).orElse(Map.of());
        if (memoryMax.isPresent() && memoryHigh.isPresent() && memoryHigh.get().compareTo(memoryMax.get()) > 0) {
            r.error("memory_high", "memory_high (" + memoryHigh.get() + ") must not exceed memory_max ("
                    + memoryMax.get() + ")");
        }
        r.finish();
        return new Resources(memoryMax, memoryHigh, cpu, pids, shm, io, ulimits);
    }

    private static Optional<ByteSize> positive(TomlReader r, String key) {
        Optional<ByteSize> v = r.value(key, SIZE, ByteSize::parse);
        if (v.isPresent() && v.get().bytes() == 0) {
            r.error(key, "expected a size greater than 0 like 512M, got \"0\"");
            return Optional.empty();
        }
        return v;
    }

    private static OptionalInt toInt(Optional<Long> v) {
        return v.map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty());
    }

    private static Map<String, Ulimit> ulimits(TomlReader u) {
        u.allowAnyKeys();
        Map<String, Ulimit> out = new LinkedHashMap<>();
        for (String key : u.keys()) {
            if (!Ulimit.NAMES.contains(key)) {
                String hint = Texts.closest(key, Ulimit.NAMES).map(h -> " (did you mean \"" + h + "\"?)").orElse("");
                u.error(key, "unknown ulimit " + Texts.quote(key) + hint + "; expected one of: " + String.join(", ", Ulimit.NAMES));
                continue;
            }
            Object v = u.raw(key);
            Optional<Ulimit> limit;
            if (v instanceof Long || v instanceof String) {
                Optional<Long> n = limitValue(u, key, v);
                limit = n.flatMap(x -> u.build(key, () -> new Ulimit(x, x)));
            } else {
                limit = u.table(key).flatMap(t -> softHard(t));
            }
            limit.ifPresent(l -> out.put(key, l));
        }
        return out;
    }

    private static Optional<Ulimit> softHard(TomlReader t) {
        Optional<Long> soft = t.has("soft") ? limitValue(t, "soft", t.raw("soft")) : Optional.empty();
        Optional<Long> hard = t.has("hard") ? limitValue(t, "hard", t.raw("hard")) : Optional.empty();
        if (!t.has("soft")) {
            t.missing("soft");
        }
        if (!t.has("hard")) {
            t.missing("hard");
        }
        t.finish();
        if (soft.isEmpty() || hard.isEmpty()) {
            return Optional.empty();
        }
        return t.build("", () -> new Ulimit(soft.get(), hard.get()));
    }

    private static Optional<Long> limitValue(TomlReader r, String key, Object v) {
        if (v instanceof Long n && n >= 0) {
            return Optional.of(n);
        }
        if (v instanceof String s && s.equals("infinity")) {
            return Optional.of(Ulimit.INFINITY);
        }
        r.error(key, "expected a whole number >= 0 or \"infinity\", got " + TomlReader.describe(v));
        return Optional.empty();
    }

    private static Security security(TomlReader s) {
        var seccomp = s.value("seccomp", "default or strict",
                t -> ConfigEnum.parse(Security.Seccomp.class, t, "a seccomp profile"));
        Set<String> add = new LinkedHashSet<>(s.list("capabilities_add", "a capability name like NET_BIND_SERVICE",
                Capabilities::parse).orElse(List.of()));
        Set<String> drop = new LinkedHashSet<>(s.list("capabilities_drop", "a capability name like NET_RAW",
                Capabilities::parse).orElse(List.of()));
        Optional<Boolean> nnp = s.bool("no_new_privileges");
        for (String cap : add) {
            if (drop.contains(cap)) {
                s.error("capabilities_drop", cap + " is both added and dropped");
            }
        }
        s.finish();
        return new Security(seccomp, add, drop, nnp);
    }
}
