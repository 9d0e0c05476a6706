package online.niso.node.activate;

import online.niso.common.hash.Sha256;

/**
 * Pure: the content of one release directory ({@code /opt/niso/services/<svc>/releases/<key>/}), the part
 * of an activation that differs between versions of one definition and that the unit reaches through the
 * service's {@code current} link: {@code app} (a link to the package version), {@code environment} (the
 * EnvironmentFile=) and {@code rootfs} (a link to the rootfs skeleton, for whoever needs the running
 * version's rootfs without planning it, e.g. a peer's hosts file update).
 *
 * @param key         16 hex digits of the SHA-256 of everything else: a directory is made once and never
 *                    changed, so a switch of the {@code current} link is the whole switch
 * @param environment the EnvironmentFile= text
 */
public record ReleaseFiles(String key, Release release, String rootfsKey, String environment) {
    public static final String APP = "app";
    public static final String ENVIRONMENT = "environment";
    public static final String ROOTFS = "rootfs";

    public static ReleaseFiles of(Release release, String rootfsKey, String environment) {
        return new ReleaseFiles(digest(release.packageName() + "\n" + release.version() + "\n" + rootfsKey + "\n"
                + environment), release, rootfsKey, environment);
    }

    /** {@code app}'s target, relative to the release directory: {@code /opt/niso/packages/<pkg>/<version>}. */
    public String appTarget() {
        return "../../../../packages/" + release.packageName() + "/" + release.version();
    }

    /** {@code rootfs}'s target, relative to the release directory: {@code ../../rootfs/<rootfs key>}. */
    public String rootfsTarget() {
        return "../../rootfs/" + rootfsKey;
    }

    private static String digest(String text) {
        return Sha256.hex(text).substring(0, 16);
    }
}
