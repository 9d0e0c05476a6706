package online.niso.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkValuesTest {
    @ParameterizedTest
    @CsvSource({"10.99.1.10,10.99.1.10", "0.0.0.0,0.0.0.0", "255.255.255.255,255.255.255.255",
            "::1,0:0:0:0:0:0:0:1", "fe80::1:2,fe80:0:0:0:0:0:1:2", "2001:db8::,2001:db8:0:0:0:0:0:0",
            "::ffff:10.0.0.1,0:0:0:0:0:ffff:a00:1", "1:2:3:4:5:6:7:8,1:2:3:4:5:6:7:8"})
    void parsesIpLiterals(String text, String canonical) {
        assertThat(IpAddress.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.99.1.300", "10.99.1", "10.99.1.1.1", "010.1.1.1", "a.b.c.d", "1::2::3",
            "localhost", "example.com", "fe80::zz", "1:2:3:4:5:6:7:8:9", ":::", "10.0.0.1 "})
    void rejectsAnythingButIpLiteralsWithoutResolving(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("expected an IP address");
    }

    @Test
    void cidrsRequireZeroHostBitsAndKnowContainmentAndOverlap() {
        Cidr backend = Cidr.parse("10.99.1.0/24");
        assertThat(backend.contains(IpAddress.parse("10.99.1.77"))).isTrue();
        assertThat(backend.contains(IpAddress.parse("10.99.2.1"))).isFalse();
        assertThat(backend.overlaps(Cidr.parse("10.99.0.0/16"))).isTrue();
        assertThat(backend.overlaps(Cidr.parse("10.99.2.0/24"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("8.8.8.8"))).isTrue();
        assertThatThrownBy(() -> Cidr.parse("10.99.1.5/24")).hasMessageContaining("did you mean 10.99.1.0/24?");
        assertThatThrownBy(() -> Cidr.parse("10.99.1.0/33")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Cidr.parse("10.99.1.0")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Cidr.parse("backend/24")).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @CsvSource({"8080:8080,8080:8080/tcp", "9090:9090/tcp,9090:9090/tcp", "53:53/udp,53:53/udp",
            "0.0.0.0:443:443,443:443/tcp", "127.0.0.1:8443:443,127.0.0.1:8443:443/tcp",
            "[::1]:8443:443/tcp,[0:0:0:0:0:0:0:1]:8443:443/tcp", "1:65535,1:65535/tcp"})
    void parsesPortMappings(String text, String canonical) {
        assertThat(PortMapping.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", "0:80", "80:0", "65536:80", "80:80/sctp", "80:80/TCP", "host:80:80",
            "10.0.0.300:80:80", "80-90:80", ":80", "80:", "a:b", "80:80/", " 80:80"})
    void rejectsMalformedPortMappings(String text) {
        assertThatThrownBy(() -> PortMapping.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("expected a port mapping like 8080:8080");
    }

    @Test
    void portsClashOnSameSocketAndAllAddressesClashesWithAny() {
        PortMapping all = PortMapping.parse("8080:80");
        assertThat(all.clashesWith(PortMapping.parse("127.0.0.1:8080:9000"))).isTrue();
        assertThat(all.clashesWith(PortMapping.parse("8080:80/udp"))).isFalse();
        assertThat(PortMapping.parse("10.0.0.1:8080:80").clashesWith(PortMapping.parse("10.0.0.2:8080:80"))).isFalse();
        assertThat(all.bindAddress()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource({"ssh://deploy@10.0.1.10,deploy,10.0.1.10,22", "ssh://deploy@web-1.example.com:2222,deploy,web-1.example.com,2222",
            "ssh://10.0.1.10,,10.0.1.10,22", "ssh://u@[::1]:22,u,[::1],22"})
    void parsesSshAddresses(String text, String user, String host, int port) {
        SshAddress a = SshAddress.parse(text);
        assertThat(a.user()).isEqualTo(Optional.ofNullable(user));
        assertThat(a.host()).isEqualTo(host);
        assertThat(a.port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy@10.0.1.10", "ssh://", "ssh://deploy@", "ssh://deploy@10.0.1.300",
            "ssh://deploy@host:0", "ssh://deploy@host:70000", "ssh://Deploy@host", "ssh://d@-bad-.com",
            "http://deploy@host", "ssh://deploy@host/path", "ssh://deploy@[10.0.0.1]"})
    void rejectsMalformedSshAddresses(String text) {
        assertThatThrownBy(() -> SshAddress.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("expected an address like ssh://");
    }

    @Test
    void parsesEgressRules() {
        var host = NetworkPolicy.EgressRule.parse("postgres.niso.local:5432");
        assertThat(host.host()).contains("postgres.niso.local");
        assertThat(host.port()).hasValue(5432);
        var cidr = NetworkPolicy.EgressRule.parse("0.0.0.0/0:443");
        assertThat(cidr.cidr()).contains(Cidr.parse("0.0.0.0/0"));
        assertThat(NetworkPolicy.EgressRule.parse("10.0.0.0/8").port()).isEmpty();
        assertThat(NetworkPolicy.EgressRule.parse("10.1.2.3:53").cidr()).contains(Cidr.parse("10.1.2.3/32"));
        assertThatThrownBy(() -> NetworkPolicy.EgressRule.parse("db:0")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> NetworkPolicy.EgressRule.parse("bad host:80")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> NetworkPolicy.EgressRule.parse("10.0.0.1/8:80")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void ingressPeersAreNetworkNamesOrCidrs() {
        assertThat(NetworkPolicy.Peer.parse("frontend")).isEqualTo(new NetworkPolicy.NetworkPeer("frontend"));
        assertThat(NetworkPolicy.Peer.parse("niso-default")).isEqualTo(new NetworkPolicy.NetworkPeer("default"));
        assertThat(NetworkPolicy.Peer.parse("10.0.0.0/8")).isEqualTo(new NetworkPolicy.CidrPeer(Cidr.parse("10.0.0.0/8")));
        assertThatThrownBy(() -> NetworkPolicy.Peer.parse("Front End")).isInstanceOf(InvalidValueException.class);
    }
}
