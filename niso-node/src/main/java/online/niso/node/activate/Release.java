package online.niso.node.activate;

import online.niso.common.model.Names;

/**
 * A version of a package as a service runs it. A service's {@code current}/{@code previous} pointers name a
 * release: the package is part of it because a service's package may differ from its name (a stack's
 * {@code api} running {@code hello-api}) and may change between versions.
 */
public record Release(String packageName, String version) {
    public Release {
        Names.name(packageName);
        online.niso.common.model.Version.parse(version);
    }

    // equals/hashCode written out, with the generated ones' meaning: a record's generated equals is an
    // invokedynamic whose first call spins method handles (~10-30 ms of a short niso run); this record is
    // compared on every version switch. RecordEqualityTest checks that every component is compared.
    @Override
    public boolean equals(Object o) {
        return o instanceof Release r && packageName.equals(r.packageName) && version.equals(r.version);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(packageName, version);
    }

    /**
     * The directory name of this release's rootfs under {@code /opt/niso/services/<service>/rootfs/} as a
     * niso before release directories made it (one per version; now the skeleton's digest is its name): the
     * version when the service runs its own package, else {@code <package>@<version>}. Only to find the rootfs
     * of a service still running under such a unit.
     */
    public String rootfsKey(String service) {
        return packageName.equals(service) ? version : packageName + "@" + version;
    }

    @Override
    public String toString() {
        return packageName + ":" + version;
    }
}
