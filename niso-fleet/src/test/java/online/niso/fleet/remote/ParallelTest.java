package online.niso.fleet.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void runsAsManyTasksAtOnceAsTheWidthEvenOnFewCores() {
        // Each task waits until all 6 have started: fewer threads than 6 and they would all time out.
        CountDownLatch allStarted = new CountDownLatch(6);
        List<Boolean> met = Parallel.map(List.of(1, 2, 3, 4, 5, 6), 6, "test", i -> {
            allStarted.countDown();
            try {
                return allStarted.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(met).containsOnly(true).hasSize(6);
    }

    @Test
    void neverMoreThanTheWidthAndResultsInInputOrder() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        List<Integer> out = Parallel.map(items, 3, "test", i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return i * 10;
        });
        assertThat(out).isEqualTo(items.stream().map(i -> i * 10).toList());
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void aTaskFailureReachesTheCaller() {
        assertThatThrownBy(() -> Parallel.map(List.of(1, 2), 2, "test", i -> {
            if (i == 2) {
                throw new IllegalArgumentException("host 2 broke");
            }
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("host 2 broke");
        assertThat(Parallel.map(List.<Integer>of(), 4, "test", i -> i)).isEmpty();
    }
}
