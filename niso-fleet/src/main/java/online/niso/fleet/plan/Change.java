package online.niso.fleet.plan;

import java.util.Optional;
import online.niso.fleet.inventory.DesiredFleet.DesiredService;
import online.niso.fleet.remote.Release;

/**
 * One service to switch on one host: from what the snapshot saw (empty if the service is new there)
 * to the desired release. {@code fromPackage}: the package the service ran (a service is named by the
 * stack and may run any package, so a revert must name it too). {@code upload}: the host lacks the package digest, so the artifact is copied
 * first; otherwise the installed package is activated in place.
 */
public record Change(DesiredService target, Optional<Release> from, Optional<String> fromPackage, boolean upload,
                     String why, Optional<String> fromDefinition) {

    /** {@code fromDefinition}: the digest of the definition the host had stored (empty: unknown or none). */
    public Change(DesiredService target, Optional<Release> from, Optional<String> fromPackage, boolean upload,
                  String why) {
        this(target, from, fromPackage, upload, why, Optional.empty());
    }

    /** The rollout keeps the release and changes only what the stack says about the service. */
    public boolean definitionOnly() {
        return from.equals(Optional.of(to())) && !fromDefinition.equals(Optional.of(target.configDigest()));
    }

    public String service() {
        return target.service();
    }

    /** The package the service runs after this change. */
    public String pkg() {
        return target.pkg().name();
    }

    public Release to() {
        return new Release(target.pkg().version().toString(), target.digest());
    }
}
