package online.niso.node.health;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * HTTP and TCP probes from the host; exec probes are delegated (they run sandboxed like the service,
 * which only activation knows how to do).
 */
public final class NetworkProber implements Prober {

    private final Clock clock;
    private final Function<Probe.Exec, ProbeSample> exec;

    public NetworkProber(Clock clock, Function<Probe.Exec, ProbeSample> exec) {
        this.clock = clock;
        this.exec = exec;
    }

    @Override
    public ProbeSample probe(Probe probe, Duration timeout) {
        if (probe instanceof Probe.Http http) {
            return http(http, timeout);
        }
        if (probe instanceof Probe.Tcp tcp) {
            return tcp(tcp, timeout);
        }
        return exec.apply((Probe.Exec) probe);
    }

    private ProbeSample http(Probe.Http probe, Duration timeout) {
        try {
            URL url = probe.url().toURL();
            HttpURLConnection c = (HttpURLConnection) url.openConnection(java.net.Proxy.NO_PROXY);
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setInstanceFollowRedirects(false);
            try {
                int status = c.getResponseCode();
                boolean ok = status >= 200 && status < 400;
                return new ProbeSample(clock.instant(), ok, "GET " + probe.url() + " → " + status);
            } finally {
                c.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return new ProbeSample(clock.instant(), false, "GET " + probe.url() + " failed: " + e.getMessage());
        }
    }

    private ProbeSample tcp(Probe.Tcp probe, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(probe.host(), probe.port()), (int) timeout.toMillis());
            return new ProbeSample(clock.instant(), true, "tcp " + probe.host() + ":" + probe.port() + " accepted");
        } catch (IOException e) {
            return new ProbeSample(clock.instant(), false, "tcp " + probe.host() + ":" + probe.port() + " failed: "
                    + e.getMessage());
        }
    }
}
