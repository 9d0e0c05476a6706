package online.niso.fleet.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a command's controller time goes, for profiling (issue 7: time outside the wave). With
 * {@code NISO_FLEET_TRACE=1} each phase prints {@code trace: +MS PHASE} to stderr, MS counted from the controller
 * process's start (so the JVM's own start-up shows as the first mark's offset); otherwise it does nothing.
 */
final class Trace {
    private final Optional<PrintWriter> err;
    private final Clock clock;
    private final Instant origin;

    private Trace(Optional<PrintWriter> err, Clock clock, Instant origin) {
        this.err = err;
        this.clock = clock;
        this.origin = origin;
    }

    static Trace of(FleetEnvironment world) {
        boolean on = !world.env().getOrDefault("NISO_FLEET_TRACE", "").isEmpty();
        Instant start = ProcessHandle.current().info().startInstant().orElse(world.clock().instant());
        return new Trace(on ? Optional.of(world.err()) : Optional.empty(), world.clock(), start);
    }

    void mark(String phase) {
        err.ifPresent(e -> {
            e.println("trace: +" + Duration.between(origin, clock.instant()).toMillis() + "ms " + phase);
            e.flush();
        });
    }
}
