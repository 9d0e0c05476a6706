package online.niso.common.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** [healthcheck]: exactly one probe plus its timing. */
public record HealthCheck(Probe probe, Duration interval, Duration timeout, int retries, Duration startPeriod) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_START_PERIOD = Duration.ZERO;

    public sealed interface Probe permits Http, Tcp, Exec {
    }

    /** Healthy on a 2xx/3xx answer. */
    public record Http(URI url) implements Probe {
    }

    /** Healthy when a TCP connection is accepted. */
    public record Tcp(String host, int port) implements Probe {
    }

    /** Healthy when the command (run inside the service's sandbox) exits 0. */
    public record Exec(List<String> argv) implements Probe {
        public Exec {
            argv = List.copyOf(argv);
        }
    }
}
