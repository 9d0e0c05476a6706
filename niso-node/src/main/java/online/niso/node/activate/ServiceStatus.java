package online.niso.node.activate;

import java.time.Instant;
import java.util.Optional;
import online.niso.common.model.StackService;

/**
 * One service as {@code niso status} reports it. {@code definition}: the stack entry (overrides) its current
 * release was activated with, for the definition digest of the fleet contract (empty if it cannot be read).
 */
public record ServiceStatus(String name, String unit, String packageName, VersionRef current,
        Optional<VersionRef> previous, String activeState, String subState, String health, Optional<Instant> since,
        String healthDetail, Optional<StackService> definition) {

    public ServiceStatus(String name, String unit, String packageName, VersionRef current,
            Optional<VersionRef> previous, String activeState, String subState, String health, Optional<Instant> since,
            String healthDetail) {
        this(name, unit, packageName, current, previous, activeState, subState, health, since, healthDetail,
                Optional.empty());
    }
}
