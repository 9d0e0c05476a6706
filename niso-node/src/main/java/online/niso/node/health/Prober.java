package online.niso.node.health;

import java.time.Duration;

/** Runs one probe with a timeout and says what happened. */
public interface Prober {
    ProbeSample probe(Probe probe, Duration timeout);
}
