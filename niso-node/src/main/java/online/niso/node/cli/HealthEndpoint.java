package online.niso.node.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Build-time only ({@link CdsTraining}): a health endpoint on 127.0.0.2 that answers every request with 200, so
 * that the training's probes load the classes a real HTTP probe loads. 127.0.0.2 and not 127.0.0.1: activation
 * sends a probe of 127.0.0.1 to the service's own address instead, which would leave the machine.
 */
final class HealthEndpoint implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger answered = new AtomicInteger();

    private HealthEndpoint(ServerSocket server) {
        this.server = server;
    }

    static HealthEndpoint start() throws IOException {
        HealthEndpoint endpoint = new HealthEndpoint(
                new ServerSocket(0, 16, InetAddress.getByAddress(new byte[] {127, 0, 0, 2})));
        Thread t = new Thread(endpoint::serve, "cds-training-health");
        t.setDaemon(true);
        t.start();
        return endpoint;
    }

    /** Requests answered so far. */
    int answered() {
        return answered.get();
    }

    String url() {
        return "http://127.0.0.2:" + server.getLocalPort() + "/health";
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                readHeaders(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                answered.incrementAndGet();
            } catch (IOException e) {
                // closed (the training is over) or a client that went away: nothing to answer
            }
        }
    }

    /** Up to the empty line that ends the request's headers. */
    private static void readHeaders(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        do {
            line = r.readLine();
        } while (line != null && !line.isEmpty());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
