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

    /**
     * The directory name of this release's rootfs under {@code /opt/niso/services/<service>/rootfs/}: the
     * version when the service runs its own package (the layout before service definitions existed), else
     * {@code <package>@<version>} (two packages may both have a 1.0.0; a name never contains {@code @}).
     */
    public String rootfsKey(String service) {
        return packageName.equals(service) ? version : packageName + "@" + version;
    }

    @Override
    public String toString() {
        return packageName + ":" + version;
    }
}
