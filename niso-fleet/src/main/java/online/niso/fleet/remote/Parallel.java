package online.niso.fleet.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import online.niso.common.error.OperationFailedException;

/**
 * Blocking per-host work (SSH calls) on up to {@code width} threads at once, results in input order. Not
 * parallelStream: its common pool is sized by the controller's CPUs (two threads on a 2-core machine), while
 * these tasks mostly wait on remote hosts.
 */
public final class Parallel {
    private Parallel() {}

    /** A task's exception reaches the caller as thrown; an interrupt while waiting is an OperationFailedException. */
    public static <T, R> List<R> map(List<T> items, int width, String threadName, Function<T, R> task) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(width, items.size())),
                daemonThreads(threadName));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                results.add(join(f));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Daemon threads named {@code prefix-N}: a controller stopped mid-call is not held up by them. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static <R> R join(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("interrupted while waiting for hosts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
