package online.niso.fleet.rollout;

import java.time.Instant;

/** One look at a freshly switched host: are its switched services at the target and healthy? */
public record HealthSample(Instant at, State state, String detail) {
    public enum State { HEALTHY, PENDING, UNHEALTHY }

    public static HealthSample healthy(Instant at) {
        return new HealthSample(at, State.HEALTHY, "healthy");
    }
}
