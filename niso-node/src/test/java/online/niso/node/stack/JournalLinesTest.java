package online.niso.node.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalLinesTest {
    static final Map<String, String> UNITS = Map.of("niso-api.service", "api", "niso-db.service", "db");

    @Test
    void argvAsksForTheMergedJsonJournalOfEveryUnit() {
        assertThat(JournalLines.argv(java.util.List.of("niso-api.service", "niso-db.service"), 50, true))
                .containsExactly("journalctl", "--no-pager", "--output=json", "--lines", "50", "--unit",
                        "niso-api.service", "--unit", "niso-db.service", "--follow");
        assertThat(JournalLines.argv(java.util.List.of("niso-api.service"), -3, false)).contains("0")
                .doesNotContain("--follow");
    }

    @Test
    void entriesArePrefixedWithTheirServiceAndTime() {
        assertThat(JournalLines.format("{\"_SYSTEMD_UNIT\":\"niso-api.service\",\"__REALTIME_TIMESTAMP\":"
                + "\"1795680000123456\",\"MESSAGE\":\"GET / 200\"}", UNITS))
                .contains("[api] 2026-11-26T08:00:00Z GET / 200");
    }

    @Test
    void systemdsOwnLinesAboutAUnitCountForThatService() {
        assertThat(JournalLines.format("{\"_SYSTEMD_UNIT\":\"init.scope\",\"UNIT\":\"niso-db.service\","
                + "\"MESSAGE\":\"niso-db.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED\"}", UNITS))
                .contains("[db] niso-db.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED");
    }

    @Test
    void bytesThatAreNotUtf8StringsAreDecodedAndGarbageIsSkipped() {
        assertThat(JournalLines.format("{\"_SYSTEMD_UNIT\":\"niso-api.service\",\"MESSAGE\":[104,105]}", UNITS))
                .contains("[api] hi");
        assertThat(JournalLines.format("-- No entries --", UNITS)).isEmpty();
        assertThat(JournalLines.format("[1,2]", UNITS)).isEmpty();
    }

    @Test
    void aFailureReportShowsTheLastRunOnly() {
        String tail = """
                x systemd[1]: Starting niso-migrate.service - niso migrate (migrate 1.0.0)...
                x python3[1]: migration 1 done
                x systemd[1]: Starting niso-migrate.service - niso migrate (migrate 1.0.1)...
                x python3[2]: migration failed
                x systemd[1]: niso-migrate.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED
                """;
        assertThat(JournalLines.lastRun(tail, "niso-migrate.service")).startsWith("x systemd[1]: Starting")
                .contains("(migrate 1.0.1)").doesNotContain("migration 1 done").endsWith("status=3/NOTIMPLEMENTED");
        assertThat(JournalLines.lastRun("a\nb\n", "niso-x.service")).isEqualTo("a\nb");
    }
}
