package online.niso.node.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ActivationStackActivatorTest {

    @Test
    void theJobsExitCodeIsReadFromSystemdsLastExitLine() {
        String tail = """
                Nov 26 14:00:01 th1 python3[120]: migrating
                Nov 26 14:00:01 th1 systemd[1]: niso-migrate.service: Main process exited, code=exited, status=1/FAILURE
                Nov 26 14:00:02 th1 systemd[1]: niso-migrate.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED
                Nov 26 14:00:02 th1 systemd[1]: niso-migrate.service: Failed with result 'exit-code'.
                """;
        assertThat(ActivationStackActivator.exitFromJournal(tail)).isEqualTo(OptionalInt.of(3));
        assertThat(ActivationStackActivator.exitFromJournal("no exit here")).isEmpty();
    }

    @Test
    void systemdTimestampsParseAndNeverParsesAsEmpty() {
        assertThat(ActivationStackActivator.timestamp("Thu 2026-11-26 14:00:05 UTC"))
                .contains(Instant.parse("2026-11-26T14:00:05Z"));
        assertThat(ActivationStackActivator.timestamp("n/a")).isEmpty();
        assertThat(ActivationStackActivator.timestamp("")).isEmpty();
        assertThat(ActivationStackActivator.timestamp("yesterday")).isEmpty();
    }

    static StackActivator.Live job(String active, String sub, Integer exit) {
        return new StackActivator.Live("migrate", true, "1.0.0", active, sub, true,
                exit == null ? OptionalInt.empty() : OptionalInt.of(exit), "none", java.util.Optional.empty());
    }

    @Test
    void aJobThatRanReadsCompletedOrFailedWhetherItsUnitStaysActiveOrNot() {
        assertThat(job("active", "exited", 0).status()).isEqualTo("completed");
        assertThat(job("inactive", "dead", 0).status()).isEqualTo("completed");
        assertThat(job("failed", "failed", 3).status()).isEqualTo("failed");
        assertThat(job("inactive", "dead", 3).status()).isEqualTo("failed");
        assertThat(job("activating", "start", null).status()).isEqualTo("activating");
        assertThat(job("active", "exited", 0).ok()).isTrue();
        assertThat(job("failed", "failed", 3).ok()).isFalse();
        assertThat(StackActivator.Live.absent("x").status()).isEqualTo("absent");
    }
}
