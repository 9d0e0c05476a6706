package online.niso.node.health;

import java.net.URI;
import java.util.List;

/** What to ask a service to learn whether it is healthy. */
public sealed interface Probe {

    /** Healthy when a GET answers 2xx or 3xx. */
    record Http(URI url) implements Probe {}

    /** Healthy when a TCP connection is accepted. */
    record Tcp(String host, int port) implements Probe {}

    /** Healthy when the command exits 0; it runs sandboxed like the service itself. */
    record Exec(List<String> argv) implements Probe {
        public Exec {
            argv = List.copyOf(argv);
        }
    }

    default String describe() {
        if (this instanceof Http h) {
            return "http " + h.url();
        }
        if (this instanceof Tcp t) {
            return "tcp " + t.host() + ":" + t.port();
        }
        return "exec " + String.join(" ", ((Exec) this).argv());
    }
}
