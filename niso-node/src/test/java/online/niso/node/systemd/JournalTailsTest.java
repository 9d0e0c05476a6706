package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalTailsTest {
    static final String UNIT = "niso-api.service";

    @Test
    void theWindowStartsAtTheFirstStartSoThePreviousVersionsStopIsCut() {
        String journal = """
                2026-11-26T10:00:00+0000 th1 systemd[1]: Stopping niso-api.service - niso api (hello-api 2.0.0)...
                2026-11-26T10:00:00+0000 th1 python3[41]: 2.0.0 shutting down
                2026-11-26T10:00:00+0000 th1 systemd[1]: Stopped niso-api.service - niso api (hello-api 2.0.0).
                2026-11-26T10:00:01+0000 th1 systemd[1]: Starting niso-api.service - niso api (hello-api 3.0.0)...
                2026-11-26T10:00:01+0000 th1 python3[52]: listening on 8081
                2026-11-26T10:00:02+0000 th1 systemd[1]: Starting niso-api.service - niso api (hello-api 3.0.0)...
                2026-11-26T10:00:02+0000 th1 python3[60]: listening on 8081
                """;
        String tail = JournalTails.fromFirstStart(journal, UNIT);
        assertThat(tail).doesNotContain("2.0.0").startsWith("2026-11-26T10:00:01+0000 th1 systemd[1]: Starting")
                .endsWith("python3[60]: listening on 8081");
        assertThat(tail.lines()).hasSize(4);
    }

    @Test
    void aSimpleUnitLogsOnlyStartedAndItsOldProcessStopsUnderTheNewDescription() {
        // As measured on a test host: the unit file is reloaded before the restart, so the old process's stop
        // already carries 3.0.0's description.
        String journal = """
                2026-11-26T18:22:44+0000 th3 systemd[1]: Stopping niso-api.service - niso api (hello-api 3.0.0)...
                2026-11-26T18:22:44+0000 th3 python3[99]: 2.0.0 says bye
                2026-11-26T18:22:44+0000 th3 systemd[1]: niso-api.service: Deactivated successfully.
                2026-11-26T18:22:44+0000 th3 systemd[1]: Stopped niso-api.service - niso api (hello-api 3.0.0).
                2026-11-26T18:22:44+0000 th3 systemd[1]: Started niso-api.service - niso api (hello-api 3.0.0).
                2026-11-26T18:22:45+0000 th3 python3[120]: listening on 8081
                """;
        assertThat(JournalTails.fromFirstStart(journal, UNIT)).startsWith("2026-11-26T18:22:44+0000 th3 systemd[1]: Started")
                .doesNotContain("bye").doesNotContain("Stopp").endsWith("listening on 8081");
    }

    @Test
    void withoutAStartTheWholeWindowIsKeptAndNoEntriesIsDropped() {
        assertThat(JournalTails.fromFirstStart("a\nb\n", UNIT)).isEqualTo("a\nb");
        assertThat(JournalTails.fromFirstStart("-- No entries --\n", UNIT)).isEmpty();
        // Another unit's start does not count.
        assertThat(JournalTails.fromFirstStart("x: Starting niso-db.service...\ny", UNIT)).isEqualTo("x: Starting niso-db.service...\ny");
    }

    @Test
    void theCommandReadsFromTheInstantToTheMicrosecond() {
        assertThat(SystemctlCommands.journalTail(UNIT, 50, Instant.parse("2026-11-26T10:00:01.000042789Z")).render())
                .isEqualTo("journalctl --no-pager --output=short-iso -n 50 --since @1795687201.000042 -u niso-api.service");
        assertThat(SystemctlCommands.epochMicros(Instant.parse("2026-11-26T10:00:01Z"))).isEqualTo("@1795687201.000000");
    }
}
