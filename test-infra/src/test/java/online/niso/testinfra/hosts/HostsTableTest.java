package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import online.niso.common.error.UnexpectedStateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostsTableTest {

    @Test
    void parsesHostsInOrder() {
        assertThat(HostsTable.parse("th1\t10.231.1.11\t22\troot\nth2\t10.231.1.12\t22\troot\n"))
                .containsExactly(new HostInfo("th1", "10.231.1.11", 22, "root"),
                        new HostInfo("th2", "10.231.1.12", 22, "root"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "th1\t10.231.1.11\t22|line 1: expected 4 tab-separated fields, got 3",
        "web\t10.231.1.11\t22\troot|line 1: expected a host name like th1, got \"web\"",
        "th1\t10.231.1.300\t22\troot|line 1: expected an IPv4 address, got \"10.231.1.300\"",
        "th1\t10.231.1.11\tssh\troot|line 1: expected a port number, got \"ssh\"",
        "th1\t10.231.1.11\t0\troot|line 1: port out of range: 0",
        "'th1\t10.231.1.11\t22\t'|line 1: empty user",
        "''|hosts.tsv lists no hosts",
    })
    void rejectsMalformedLinesNamingTheLine(String tsv, String message) {
        assertThatThrownBy(() -> HostsTable.parse(tsv))
                .isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining(message);
    }

    @Test
    void readsInstanceEnvValuesByExactKey() {
        String env = "SUBNET=7\nMACHINE_IP=10.231.7.1\nOWNER=42\n";
        assertThat(HostsTable.envValue(env, "MACHINE_IP")).contains("10.231.7.1");
        assertThat(HostsTable.envValue(env, "IP")).isEmpty();
    }

    @Test
    void findsTheKnownHostsLineByHostNameNotByPrefix() {
        String kh = "th1,10.231.1.11 ssh-ed25519 AAAA1\nth11,10.231.1.21 ssh-ed25519 AAAA11\n";
        assertThat(HostsTable.knownHostsLine(kh, "th11")).contains("th11,10.231.1.21 ssh-ed25519 AAAA11");
        assertThat(HostsTable.knownHostsLine(kh, "th1")).contains("th1,10.231.1.11 ssh-ed25519 AAAA1");
        assertThat(HostsTable.knownHostsLine(kh, "th2")).isEmpty();
    }
}
