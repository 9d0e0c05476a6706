package online.niso.node.activate;

import java.time.Instant;
import java.util.Optional;

/** One service as {@code niso status} reports it. */
public record ServiceStatus(String name, String unit, String packageName, VersionRef current,
        Optional<VersionRef> previous, String activeState, String subState, String health, Optional<Instant> since,
        String healthDetail) {}
