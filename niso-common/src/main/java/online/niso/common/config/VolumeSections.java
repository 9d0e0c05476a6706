package online.niso.common.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import online.niso.common.model.AccessMode;
import online.niso.common.model.ByteSize;
import online.niso.common.model.ConfigEnum;
import online.niso.common.model.Names;
import online.niso.common.model.PathRules;
import online.niso.common.model.StackVolume;
import online.niso.common.model.VolumeSpec;

/** [volumes] in manifest.toml and a stack service's {@code volumes}. */
final class VolumeSections {
    static final String MOUNT = "an absolute path like /data";
    static final String MODE = "rw or ro";

    private VolumeSections() {
    }

    static Map<String, VolumeSpec> manifestVolumes(TomlReader v) {
        v.allowAnyKeys();
        Map<String, VolumeSpec> out = new LinkedHashMap<>();
        Map<String, String> mounts = new HashMap<>();
        for (String name : v.keys()) {
            if (!validName(v, name)) {
                continue;
            }
            v.table(name).flatMap(t -> manifestVolume(name, t)).ifPresent(vol -> {
                String other = mounts.putIfAbsent(vol.mount(), name);
                if (other != null) {
                    v.error(name, "mount " + vol.mount() + " is also used by volume " + other);
                }
                out.put(name, vol);
            });
        }
        return out;
    }

    private static boolean validName(TomlReader v, String name) {
        if (!Names.isName(name)) {
            v.error(name, "expected a volume name of lowercase letters, digits and hyphens like pgdata, got \""
                    + name.replace("\"", "\\\"") + "\"");
            v.raw(name);
            return false;
        }
        return true;
    }

    private static Optional<VolumeSpec> manifestVolume(String name, TomlReader t) {
        Optional<String> mount = t.requiredValue("mount", MOUNT, PathRules::absolute);
        boolean tmpfs = t.bool("tmpfs").orElse(false);
        Optional<String> host = t.value("host", "an absolute host path like /etc/my-api", PathRules::absolute);
        Optional<AccessMode> mode = t.value("mode", MODE, s -> ConfigEnum.parse(AccessMode.class, s, "an access mode"));
        Optional<ByteSize> size = t.value("size", "a size like 256M", ByteSize::parse);
        if (tmpfs && t.has("host")) {
            t.error("host", "a tmpfs volume cannot also be a bind mount (remove host or tmpfs)");
        }
        if (!tmpfs && t.has("size")) {
            t.error("size", "size applies only to tmpfs volumes (add tmpfs = true)");
        }
        if (tmpfs && t.has("mode")) {
            t.error("mode", "a tmpfs volume is always read-write; remove mode");
        }
        t.finish();
        if (mount.isEmpty()) {
            return Optional.empty();
        }
        AccessMode m = mode.orElse(AccessMode.READ_WRITE);
        if (tmpfs) {
            return Optional.of(new VolumeSpec.Tmpfs(name, mount.get(), size));
        }
        if (host.isPresent()) {
            return Optional.of(new VolumeSpec.Bind(name, mount.get(), host.get(), m));
        }
        return Optional.of(new VolumeSpec.Named(name, mount.get(), m));
    }

    static Map<String, StackVolume> stackVolumes(TomlReader v) {
        v.allowAnyKeys();
        Map<String, StackVolume> out = new LinkedHashMap<>();
        Map<String, String> mounts = new HashMap<>();
        for (String name : v.keys()) {
            if (!validName(v, name)) {
                continue;
            }
            v.table(name).flatMap(t -> {
                Optional<String> mount = t.requiredValue("mount", MOUNT, PathRules::absolute);
                boolean exclusive = t.bool("exclusive").orElse(false);
                AccessMode mode = t.value("mode", MODE, s -> ConfigEnum.parse(AccessMode.class, s, "an access mode"))
                        .orElse(AccessMode.READ_WRITE);
                t.finish();
                return mount.map(m -> new StackVolume(name, m, exclusive, mode));
            }).ifPresent(vol -> {
                String other = mounts.putIfAbsent(vol.mount(), name);
                if (other != null) {
                    v.error(name, "mount " + vol.mount() + " is also used by volume " + other);
                }
                out.put(name, vol);
            });
        }
        return out;
    }
}
