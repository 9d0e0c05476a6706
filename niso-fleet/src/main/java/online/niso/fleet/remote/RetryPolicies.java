package online.niso.fleet.remote;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;
import online.niso.common.remote.RemoteException;

/**
 * The only retries in niso-fleet: connecting, and idempotent reads (status). A failed or timed-out
 * activate is never retried — it is a verdict for the health gate, and re-running it blindly could
 * mask a crash loop. Capped exponential backoff with jitter.
 */
public record RetryPolicies(int maxAttempts, Duration initialBackoff) {
    public static final RetryPolicies DEFAULT = new RetryPolicies(3, Duration.ofMillis(500));

    public static boolean retryable(Throwable t) {
        return t instanceof RemoteException r && r.kind().transientFailure();
    }

    public <T> T idempotent(String name, Supplier<T> call) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5, Duration.ofSeconds(10)))
                .retryOnException(RetryPolicies::retryable)
                .build();
        return Retry.of(name, config).executeSupplier(call);
    }
}
