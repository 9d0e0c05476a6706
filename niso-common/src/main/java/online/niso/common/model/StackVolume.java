package online.niso.common.model;

/** A volume a stack service mounts; {@code exclusive} = no other service may mount it. */
public record StackVolume(String name, String mount, boolean exclusive, AccessMode mode) {
}
