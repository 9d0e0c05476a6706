package online.niso.fleet.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import online.niso.common.remote.RemoteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPoliciesTest {
    final RetryPolicies retries = new RetryPolicies(3, Duration.ofMillis(1));

    @Test
    void aConnectFailureIsRetriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String r = retries.idempotent("t", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new RemoteException("web-1", RemoteException.Kind.CONNECT, "refused");
            }
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.idempotent("t", () -> {
            calls.incrementAndGet();
            throw new RemoteException("web-1", RemoteException.Kind.TIMEOUT, "slow");
        })).isInstanceOf(RemoteException.class).hasMessageContaining("slow");
        assertThat(calls).hasValue(3);
    }

    @ParameterizedTest
    @EnumSource(value = RemoteException.Kind.class, names = {"HOST_KEY", "AUTH"})
    void hostKeyAndAuthFailuresAreNeverRetried(RemoteException.Kind kind) {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.idempotent("t", () -> {
            calls.incrementAndGet();
            throw new RemoteException("web-1", kind, "no");
        })).isInstanceOf(RemoteException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void otherErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.idempotent("t", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }
}
