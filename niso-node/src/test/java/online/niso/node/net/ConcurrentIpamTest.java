package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkSpec;
import online.niso.node.state.StateDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two niso processes (two connections to one SQLite file) attaching services at the same time
 * never hand out one address twice, and neither fails: the second waits for the first's write.
 */
class ConcurrentIpamTest {
    @TempDir
    Path tmp;

    @Test
    void concurrentAttachesGetDistinctAddresses() throws Exception {
        Path file = tmp.resolve("niso.db");
        StateDb.open(file).close();
        int perWorker = 15;
        CountDownLatch start = new CountDownLatch(1);
        FakeKernel kernel = new FakeKernel(); // one machine, two niso processes
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<IpAddress>>> results = new ArrayList<>();
        for (String worker : List.of("x", "y")) {
            Callable<List<IpAddress>> job = () -> {
                try (StateDb db = StateDb.open(file)) {
                    NetworkService net = new NetworkService(db, kernel, kernel);
                    start.await();
                    List<IpAddress> got = new ArrayList<>();
                    for (int i = 0; i < perWorker; i++) {
                        got.add(net.attach(worker + i, new NetworkSpec("default", List.of(), Optional.empty(),
                                Optional.empty(), NetworkPolicy.OPEN)).ip());
                    }
                    return got;
                }
            };
            results.add(pool.submit(job));
        }
        start.countDown();
        List<IpAddress> all = new ArrayList<>();
        for (Future<List<IpAddress>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertThat(new HashSet<>(all)).hasSize(2 * perWorker);
        try (StateDb db = StateDb.open(file)) {
            assertThat(db.read(NetRepository::load).attachments()).hasSize(2 * perWorker);
        }
    }
}
