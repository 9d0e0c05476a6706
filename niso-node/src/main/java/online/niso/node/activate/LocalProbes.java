package online.niso.node.activate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import online.niso.node.health.Probe;
import online.niso.node.health.Prober;

/**
 * Pure: a service runs in its own network namespace, so a health check written from the service's point
 * of view ({@code http://127.0.0.1:8080/health}) would reach the host's loopback, not the service. niso
 * probes the service's own address on its bridge instead (the host routes to it; no namespace switch,
 * which a JVM thread cannot do). Consequence, documented: the service must listen on its interface
 * (0.0.0.0), as it must for published ports anyway.
 */
public final class LocalProbes {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1", "0.0.0.0");

    private LocalProbes() {}

    /** {@code probe} with a loopback host replaced by {@code address}; other probes unchanged. */
    public static Probe localize(Probe probe, Optional<String> address) {
        if (address.isEmpty()) {
            return probe;
        }
        if (probe instanceof Probe.Tcp t && LOOPBACK.contains(t.host())) {
            return new Probe.Tcp(address.get(), t.port());
        }
        if (probe instanceof Probe.Http h && h.url().getHost() != null && LOOPBACK.contains(h.url().getHost())) {
            URI u = h.url();
            try {
                return new Probe.Http(new URI(u.getScheme(), u.getUserInfo(), address.get(), u.getPort(),
                        u.getPath(), u.getQuery(), u.getFragment()));
            } catch (URISyntaxException e) {
                return probe;
            }
        }
        return probe;
    }

    /** A prober that localizes every probe before handing it to {@code inner}. */
    public static Prober localized(Prober inner, Optional<String> address) {
        return (probe, timeout) -> inner.probe(localize(probe, address), timeout);
    }
}
