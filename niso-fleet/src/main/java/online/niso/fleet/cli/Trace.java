package online.niso.fleet.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a command's controller time goes, for profiling (issue 7: time outside the wave). With
 * {@code NISO_FLEET_TRACE=1} each phase prints {@code trace: +MS PHASE} to stderr, MS counted from the launcher's
 * start (with {@code NISO_TRACE_TIMINGS=1}) or the process's, so the JVM's own start-up shows as the first
 * mark's offset; otherwise it does nothing.
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
        // The launcher's own clock reading (NISO_TRACE_TIMINGS=1 → -Dniso.trace.t0, ns), else the process start.
        Instant start = Optional.ofNullable(System.getProperty("niso.trace.t0")).flatMap(Trace::nanos)
                .or(() -> ProcessHandle.current().info().startInstant()).orElse(world.clock().instant());
        return new Trace(on ? Optional.of(world.err()) : Optional.empty(), world.clock(), start);
    }

    private static Optional<Instant> nanos(String t0) {
        try {
            long ns = Long.parseLong(t0.strip());
            return Optional.of(Instant.ofEpochSecond(ns / 1_000_000_000L, ns % 1_000_000_000L));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    void mark(String phase) {
        err.ifPresent(e -> {
            e.println("trace: +" + Duration.between(origin, clock.instant()).toMillis() + "ms " + phase);
            e.flush();
        });
    }
}
