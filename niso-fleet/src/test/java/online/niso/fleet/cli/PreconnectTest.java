package online.niso.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import online.niso.common.model.HostSpec;
import online.niso.common.model.SshAddress;
import online.niso.common.remote.RemoteHost;
import online.niso.common.remote.RemoteHosts;
import org.junit.jupiter.api.Test;

class PreconnectTest {

    /** Records which hosts were asked for; the lock host's connection waits until released. */
    private static final class Hosts implements RemoteHosts {
        final Map<String, Boolean> asked = new ConcurrentHashMap<>();
        final CountDownLatch lockHostAsked = new CountDownLatch(1);
        final CountDownLatch releaseLockHost = new CountDownLatch(1);
        final CountDownLatch othersAsked;

        Hosts(int others) {
            othersAsked = new CountDownLatch(others);
        }

        @Override
        public RemoteHost get(HostSpec host) {
            asked.put(host.name(), true);
            if (host.name().equals("web-1")) {
                lockHostAsked.countDown();
                try {
                    releaseLockHost.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("connections are not the point here");
            }
            othersAsked.countDown();
            throw new IllegalStateException("connections are not the point here");
        }

        @Override
        public void close() {}
    }

    private static List<HostSpec> hosts(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> new HostSpec("web-" + i,
                SshAddress.parse("ssh://root@10.0.0." + i), Map.of())).toList();
    }

    @Test
    void theLockHostConnectsAloneFirstThenTheOthers() throws Exception {
        Hosts remotes = new Hosts(3);
        Preconnect.start(remotes, hosts(4).get(0), hosts(4), Duration.ofSeconds(30));
        assertThat(remotes.lockHostAsked.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(remotes.asked).containsOnlyKeys("web-1");

        remotes.releaseLockHost.countDown();
        assertThat(remotes.othersAsked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(remotes.asked).containsOnlyKeys("web-1", "web-2", "web-3", "web-4");
    }

    @Test
    void aSlowLockHostHoldsTheOthersBackOnlyForTheGrace() throws Exception {
        Hosts remotes = new Hosts(2);
        // web-1 is the lock host even when the selection leaves it out.
        Preconnect.start(remotes, hosts(3).get(0), hosts(3).subList(1, 3), Duration.ofMillis(100));
        assertThat(remotes.othersAsked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(remotes.asked).containsOnlyKeys("web-1", "web-2", "web-3");
        remotes.releaseLockHost.countDown();
    }
}
