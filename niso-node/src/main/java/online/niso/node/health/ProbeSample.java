package online.niso.node.health;

import java.time.Instant;

/** One probe outcome: when it was taken, whether it passed, and what it said (for reports). */
public record ProbeSample(Instant at, boolean passed, String detail) {}
