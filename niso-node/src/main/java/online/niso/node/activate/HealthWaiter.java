package online.niso.node.activate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.model.HealthCheck;
import online.niso.node.health.HealthJudge;
import online.niso.node.health.HealthPolicy;
import online.niso.node.health.HealthVerdict;
import online.niso.node.health.Probe;
import online.niso.node.health.ProbeSample;
import online.niso.node.health.Prober;
import online.niso.node.systemd.Systemctl;

/**
 * The loop around the pure {@link HealthJudge}: take a sample (unit state, then the probe), ask the judge,
 * sleep until it wants the next sample. Without a [healthcheck] the service counts as healthy once systemd
 * shows the same main process running in two samples in a row (it did not crash straight away).
 */
public final class HealthWaiter {
    /**
     * Without a health check: sample twice a second; after a 3 s grace for units still activating, three
     * failed samples in a row mean "it does not stay up". No faster first samples: "healthy" here means the
     * same main process in two samples in a row, so their gap is how long it had to crash.
     */
    static final HealthPolicy NO_CHECK_POLICY = new HealthPolicy(Duration.ofMillis(500), Duration.ofSeconds(1), 3,
            Duration.ofSeconds(3), Duration.ofMillis(500));

    private final Systemctl systemctl;
    private final Clock clock;
    private final Sleeper sleeper;

    public HealthWaiter(Systemctl systemctl, Clock clock, Sleeper sleeper) {
        this.systemctl = systemctl;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public record Outcome(boolean healthy, String reason, String lastProbe) {}

    public Outcome await(String unit, Optional<HealthCheck> check, Prober prober, Instant startedAt,
            Instant deadline) {
        return await(unit, check, prober, startedAt, deadline, false);
    }

    /**
     * {@link #await} for the readiness check ({@code niso health --await}), which runs as the unit's
     * ExecStartPost=: the unit is still "activating" then, and only the probe can tell.
     */
    public Outcome awaitReadiness(String unit, HealthCheck check, Prober prober, Instant startedAt, Instant deadline) {
        return await(unit, Optional.of(check), prober, startedAt, deadline, true);
    }

    private Outcome await(String unit, Optional<HealthCheck> check, Prober prober, Instant startedAt,
            Instant deadline, boolean activatingCounts) {
        HealthPolicy policy = check.map(HealthWaiter::policy).orElse(NO_CHECK_POLICY);
        Optional<Probe> probe = check.map(c -> probe(c.probe()));
        List<ProbeSample> samples = new ArrayList<>();
        String[] lastPid = {""};
        while (true) {
            HealthVerdict v = HealthJudge.decide(samples, policy, startedAt, clock.instant(), deadline);
            String last = samples.isEmpty() ? "" : samples.get(samples.size() - 1).detail();
            if (v instanceof HealthVerdict.Healthy) {
                return new Outcome(true, "", last);
            }
            if (v instanceof HealthVerdict.Unhealthy u) {
                return new Outcome(false, u.reason(), last);
            }
            sleeper.sleepUntil(((HealthVerdict.Pending) v).nextProbeAt());
            samples.add(sample(unit, probe, prober, policy.timeout(), lastPid, activatingCounts));
        }
    }

    /** One probe now, for `niso health` and `niso status`. */
    public ProbeSample sampleOnce(String unit, Optional<HealthCheck> check, Prober prober) {
        return sampleOnce(unit, check, prober, systemctl.show(unit, SAMPLE_PROPERTIES));
    }

    /** The unit properties one sample reads: a caller that shows them anyway passes them in (one show, not two). */
    public static final List<String> SAMPLE_PROPERTIES = List.of("ActiveState", "SubState", "MainPID");

    /** As {@link #sampleOnce(String, Optional, Prober)}, from {@code shown} ({@link #SAMPLE_PROPERTIES}, just read). */
    public ProbeSample sampleOnce(String unit, Optional<HealthCheck> check, Prober prober, Map<String, String> shown) {
        Optional<Probe> probe = check.map(c -> probe(c.probe()));
        Duration timeout = check.map(HealthCheck::timeout).orElse(Duration.ofSeconds(1));
        String[] lastPid = {""};
        ProbeSample s = sample(unit, shown, probe, prober, timeout, lastPid, false);
        if (probe.isEmpty() && !s.passed() && !lastPid[0].isEmpty()) {
            // no check: running now is all we can say from one sample
            return new ProbeSample(s.at(), true, s.detail());
        }
        return s;
    }

    private ProbeSample sample(String unit, Optional<Probe> probe, Prober prober, Duration timeout,
            String[] lastPid, boolean activatingCounts) {
        return sample(unit, systemctl.show(unit, SAMPLE_PROPERTIES), probe, prober, timeout, lastPid,
                activatingCounts);
    }

    private ProbeSample sample(String unit, Map<String, String> state, Optional<Probe> probe, Prober prober,
            Duration timeout, String[] lastPid, boolean activatingCounts) {
        String active = state.getOrDefault("ActiveState", "unknown");
        String sub = state.getOrDefault("SubState", "unknown");
        boolean up = active.equals("active") || (activatingCounts && active.equals("activating"));
        if (!up) {
            lastPid[0] = "";
            return new ProbeSample(clock.instant(), false, unit + " is " + active + " (" + sub + ")");
        }
        if (probe.isPresent()) {
            return prober.probe(probe.get(), timeout);
        }
        String pid = state.getOrDefault("MainPID", "0");
        boolean stable = !pid.equals("0") && pid.equals(lastPid[0]);
        lastPid[0] = pid.equals("0") ? "" : pid;
        return new ProbeSample(clock.instant(), stable, unit + " is " + active + " (" + sub + "), main PID " + pid);
    }

    public static HealthPolicy policy(HealthCheck c) {
        return new HealthPolicy(c.interval(), c.timeout(), c.retries(), c.startPeriod());
    }

    public static Probe probe(HealthCheck.Probe p) {
        if (p instanceof HealthCheck.Http h) {
            return new Probe.Http(h.url());
        }
        if (p instanceof HealthCheck.Tcp t) {
            return new Probe.Tcp(t.host(), t.port());
        }
        return new Probe.Exec(((HealthCheck.Exec) p).argv());
    }

    /** Long enough for the check to decide on its own: start period plus retries+1 intervals plus a timeout. */
    public static Duration defaultTimeout(Optional<HealthCheck> check) {
        Duration d = check.map(c -> c.startPeriod().plus(c.interval().multipliedBy(c.retries() + 1L))
                .plus(c.timeout())).orElse(Duration.ofSeconds(10));
        return d.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : d;
    }
}
