package online.niso.node.activate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import online.niso.node.systemd.Systemctl;

/**
 * {@code niso activate --hold D}: after a healthy activation, keep checking the service, as {@code niso status}
 * would, until it has stayed healthy on the activated digest for D. This is niso-fleet's min_healthy_time held
 * on the host, inside the same process: the controller no longer polls with a fresh {@code niso status} (a JVM
 * start per poll per host). A lapse is reported — health "unhealthy" plus the failure document captured at
 * that moment — and not rolled back here: the caller (the fleet's revert) decides.
 */
public final class HealthHold {
    /** Time between checks while holding. */
    static final Duration STEP = Duration.ofSeconds(1);

    private final Function<String, ServiceStatus> status;
    private final Systemctl systemctl;
    private final Clock clock;
    private final Sleeper sleeper;

    public HealthHold(Function<String, ServiceStatus> status, Systemctl systemctl, Clock clock, Sleeper sleeper) {
        this.status = status;
        this.systemctl = systemctl;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** True when {@code r} is a result the hold applies to: the requested release runs and passed its check. */
    static boolean holdable(ActivationResult r) {
        return (r.outcome().equals("activated") || r.outcome().equals("unchanged")) && r.to().isPresent()
                && (r.health().equals("healthy") || r.health().equals("none"));
    }

    /** Pure: does this status sample keep the hold going? Empty = yes; otherwise why not. */
    static Optional<String> lapse(ServiceStatus s, VersionRef expected) {
        if (!s.current().digest().equals(expected.digest())) {
            return Optional.of(s.name() + " no longer runs " + expected.version() + " (runs " + s.current().version() + ")");
        }
        if (!"active".equals(s.activeState())) {
            return Optional.of(s.unit() + " is " + s.activeState() + " (" + s.subState() + ")");
        }
        if (!s.health().equals("healthy") && !s.health().equals("none")) {
            return Optional.of("health " + s.health() + (s.healthDetail().isBlank() ? "" : ": " + s.healthDetail()));
        }
        return Optional.empty();
    }

    /** {@code r} unchanged when it held for {@code hold} (or the hold does not apply); else the lapse. */
    public ActivationResult hold(ActivationResult r, Duration hold) {
        if (hold.isZero() || hold.isNegative() || !holdable(r)) {
            return r;
        }
        Instant start = clock.instant();
        Instant end = start.plus(hold);
        VersionRef expected = r.to().get();
        while (clock.instant().isBefore(end)) {
            Instant next = clock.instant().plus(STEP);
            sleeper.sleepUntil(next.isAfter(end) ? end : next);
            ServiceStatus s = status.apply(r.service());
            Optional<String> lapse = lapse(s, expected);
            if (lapse.isPresent()) {
                long took = r.durationMs() + Duration.between(start, clock.instant()).toMillis();
                var failure = new ActivationResult.Failure("not healthy for the " + hold.toMillis() / 1000.0
                        + "s hold after activation: " + lapse.get(), systemctl.status(s.unit()),
                        // since the activation began: the held version's runs, not earlier versions'
                        systemctl.journalTail(s.unit(), ActivationService.JOURNAL_LINES,
                                start.minusMillis(r.durationMs())), s.healthDetail());
                return new ActivationResult(r.service(), r.outcome(), r.from(), r.to(), "unhealthy", took,
                        Optional.of(failure));
            }
        }
        return new ActivationResult(r.service(), r.outcome(), r.from(), r.to(), r.health(),
                r.durationMs() + Duration.between(start, clock.instant()).toMillis(), r.failure());
    }

    /** Exit code of a held result: 1 when it lapsed, else the activation's own. */
    public static int exitCode(ActivationResult held) {
        return held.health().equals("unhealthy") && !held.outcome().equals("rolled_back") ? 1 : held.exitCode(false);
    }
}
