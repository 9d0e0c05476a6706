package online.niso.node.activate;

import java.util.Optional;
import online.niso.common.model.HealthCheck;
import online.niso.common.model.Manifest;
import online.niso.node.rootfs.RootfsPlan;
import online.niso.node.systemd.InstallLayout;
import online.niso.node.systemd.ServiceSpec;
import online.niso.node.systemd.UnitFile;

/**
 * Everything {@code niso activate} would apply for one version, computed before anything is touched;
 * {@code niso render} prints exactly this.
 *
 * @param layout   paths as the unit sees them (host paths relative to the real /, whatever --root is): the
 *                 package and the environment through the service's {@code current} link
 * @param unit     the unit written to {@code /etc/systemd/system}; the same text for every version of one
 *                 definition (it names the version only through the {@code current} link)
 * @param unitText the exact bytes of {@code /etc/systemd/system/niso-<name>.service}
 * @param sandboxUnit the same unit with this version's own paths instead of the {@code current} link: hooks and
 *                 exec probes run in its sandbox, also while another version is current (pre_activate)
 * @param files    the release directory the {@code current} link will point at
 * @param definition the service definition planned (package and overrides)
 */
public record ActivationPlan(String service, VersionRef target, Manifest manifest, ServiceSpec spec,
        InstallLayout layout, UnitFile unit, String unitText, UnitFile sandboxUnit, ReleaseFiles files,
        RootfsPlan rootfs, ServiceDefinition definition) {

    /** The package release this plan runs. */
    public Release release() {
        return new Release(definition.packageName(), target.version());
    }

    /** Where this plan's rootfs skeleton lives, {@code rootfs/<key>} (a digest of its content). */
    public String rootfsKey() {
        return rootfs.key();
    }

    /**
     * The service's health check. A oneshot has none: it is ready when its job exited 0, and a health check in
     * its package (a job that runs an api package with other args) is the api's, which the job never passes.
     */
    public Optional<HealthCheck> healthCheck() {
        return spec.type() == online.niso.node.systemd.ServiceType.ONESHOT ? Optional.empty()
                : manifest.healthcheck();
    }

    public String unitName() {
        return spec.unitName();
    }
}
