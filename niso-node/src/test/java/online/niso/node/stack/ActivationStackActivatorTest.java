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
}
