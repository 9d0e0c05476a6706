package online.niso.node.activate;

import java.time.Clock;
import java.time.Duration;
import online.niso.node.health.NetworkProber;
import online.niso.node.health.Probe;
import online.niso.node.health.ProbeSample;
import online.niso.node.health.Prober;
import online.niso.node.systemd.UnitFile;

/** Probes one service: http/tcp from the host, exec inside the service's sandbox (a transient twin unit). */
public final class ServiceProber implements Prober {
    private final Clock clock;
    private final Sandbox sandbox;
    private final UnitFile unit;

    public ServiceProber(Clock clock, Sandbox sandbox, UnitFile unit) {
        this.clock = clock;
        this.sandbox = sandbox;
        this.unit = unit;
    }

    @Override
    public ProbeSample probe(Probe probe, Duration timeout) {
        if (probe instanceof Probe.Exec exec) {
            Sandbox.Result r = sandbox.run(unit, "probe", exec.argv(), timeout);
            return new ProbeSample(clock.instant(), r.ok(), probe.describe() + " exited " + r.exitCode()
                    + (r.output().isEmpty() ? "" : ": " + r.output()));
        }
        return new NetworkProber(clock, e -> {
            throw new IllegalStateException("unreachable");
        }).probe(probe, timeout);
    }

    /** Makes the prober for a service's generated unit. */
    @FunctionalInterface
    public interface Factory {
        Prober forUnit(UnitFile unit);
    }
}
