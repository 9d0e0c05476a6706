package online.niso.fleet.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import online.niso.common.model.HostSpec;
import online.niso.common.remote.RemoteHosts;

/**
 * Starts SSH handshakes in the background (each still capped by max_concurrent_handshakes) so that they overlap
 * the deploy lock's round trip and the snapshot instead of preceding them. The lock's host goes first, alone:
 * a handshake is mostly the controller's CPU (the post-quantum key exchange, ~0.15 s of it each), so ten at once
 * would make the lock wait for all of them. The others start once it is connected, or after {@code grace} if it
 * is slow or down. Failures are left for the snapshot (or the lock) to meet and report.
 */
final class Preconnect {
    private Preconnect() {}

    static void start(RemoteHosts remotes, HostSpec lockHost, List<HostSpec> hosts, Duration grace) {
        CountDownLatch lockHostDone = new CountDownLatch(1);
        background("niso-fleet-connect-lock", () -> {
            try {
                connect(remotes, lockHost);
            } finally {
                lockHostDone.countDown();
            }
        });
        background("niso-fleet-connect", () -> {
            try {
                lockHostDone.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (HostSpec h : hosts) {
                if (!h.name().equals(lockHost.name())) {
                    background("niso-fleet-connect", () -> connect(remotes, h));
                }
            }
        });
    }

    private static void connect(RemoteHosts remotes, HostSpec h) {
        try {
            remotes.get(h);
        } catch (RuntimeException e) {
            // reported by whoever needs the host next, which asks again
        }
    }

    private static void background(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
