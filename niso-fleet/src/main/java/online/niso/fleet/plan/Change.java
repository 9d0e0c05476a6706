package online.niso.fleet.plan;

import java.util.Optional;
import online.niso.fleet.inventory.DesiredFleet.DesiredService;
import online.niso.fleet.remote.Release;

/**
 * One service to switch on one host: from what the snapshot saw (empty if the service is new there)
 * to the desired release. {@code upload}: the host lacks the package digest, so the artifact is copied
 * first; otherwise the installed package is activated in place.
 */
public record Change(DesiredService target, Optional<Release> from, boolean upload, String why) {

    public String service() {
        return target.service();
    }

    public Release to() {
        return new Release(target.pkg().version().toString(), target.digest());
    }
}
