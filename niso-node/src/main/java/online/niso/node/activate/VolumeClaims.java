package online.niso.node.activate;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import online.niso.common.model.StackVolume;

/**
 * Pure: whether a service may mount its stack volumes now. A stack's named volume is one directory shared by
 * every service of that stack that mounts it; {@code exclusive = true} (on either side) means only one
 * active service may mount it at a time (e.g. a database's data directory).
 */
public final class VolumeClaims {
    private VolumeClaims() {}

    /**
     * The reason {@code def} may not be activated while {@code active} (service name → definition of every
     * other activated service) run, if any; the first conflict by volume, then service name.
     */
    public static Optional<String> conflict(ServiceDefinition def, Map<String, ServiceDefinition> active) {
        if (def.stack().isEmpty()) {
            return Optional.empty();
        }
        for (StackVolume v : new TreeMap<>(def.overrides().volumes()).values()) {
            for (ServiceDefinition other : new TreeMap<>(active).values()) {
                if (other.service().equals(def.service()) || !other.stack().equals(def.stack())) {
                    continue;
                }
                StackVolume theirs = other.overrides().volumes().get(v.name());
                if (theirs != null && (v.exclusive() || theirs.exclusive())) {
                    return Optional.of("volume " + v.name() + " of stack " + def.stack().get() + " is exclusive and "
                            + "already mounted by active service " + other.service() + "; deactivate "
                            + other.service() + " first (or stop sharing the volume)");
                }
            }
        }
        return Optional.empty();
    }
}
