package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkSpec;
import online.niso.common.model.PortMapping;
import online.niso.node.state.StateDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network shell against a modelled kernel ({@link FakeKernel}) and a real SQLite state DB. */
class NetworkServiceTest {
    @TempDir
    Path tmp;

    private StateDb db;
    private FakeKernel kernel;
    private NetworkService net;

    @BeforeEach
    void open() {
        db = StateDb.open(tmp.resolve("niso.db"));
        kernel = new FakeKernel();
        net = new NetworkService(db, kernel, kernel);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static NetworkSpec spec(String network, String... ports) {
        return new NetworkSpec(network, java.util.Arrays.stream(ports).map(PortMapping::parse).toList(),
                Optional.empty(), Optional.empty(), NetworkPolicy.OPEN);
    }

    @Test
    void defaultNetworkExistsFromTheStart() {
        assertThat(net.state().networks()).containsExactly(Network.DEFAULT);
    }

    @Test
    void attachCreatesBridgeNamespaceVethAndRules() {
        AttachResult r = net.attach("api", spec("default", "8080:8080"));

        assertThat(r.ip()).isEqualTo(IpAddress.parse("10.99.0.2"));
        assertThat(r.netnsPath()).isEqualTo(Path.of("/run/netns/niso-api"));
        assertThat(r.hostsEntries()).containsExactly("10.99.0.2 api.niso.local");
        assertThat(kernel.links).containsKeys("niso-default", NetNames.hostVeth("api"), "niso-api/eth0");
        assertThat(kernel.namespaces).containsExactly("niso-api");
        assertThat(kernel.rendered()).contains(
                "ip link add niso-default type bridge",
                "ip addr replace 10.99.0.1/24 dev niso-default",
                "ip link add " + NetNames.hostVeth("api") + " type veth peer name eth0 address 02:42:0a:63:00:02 netns niso-api",
                "ip link set " + NetNames.hostVeth("api") + " master niso-default",
                "ip -n niso-api addr add 10.99.0.2/24 dev eth0",
                "ip -n niso-api route add default via 10.99.0.1");
        assertThat(kernel.tables.get("")).contains("fib daddr type local tcp dport 8080 dnat ip to 10.99.0.2:8080");
        assertThat(kernel.tables).containsKey("niso-api");
    }

    @Test
    void secondServiceGetsNextAddressAndBothSeeEachOther() {
        net.attach("api", spec("default"));
        AttachResult db2 = net.attach("db", spec("default"));

        assertThat(db2.ip()).isEqualTo(IpAddress.parse("10.99.0.3"));
        assertThat(db2.hostsEntries()).containsExactly("10.99.0.2 api.niso.local", "10.99.0.3 db.niso.local");
        assertThat(db2.hostsUpdates()).containsOnlyKeys("api", "db");
        assertThat(db2.hostsUpdates().get("api")).containsExactly("10.99.0.2 api.niso.local", "10.99.0.3 db.niso.local");
    }

    @Test
    void reattachKeepsTheAddress() {
        net.attach("api", spec("default"));
        net.attach("db", spec("default"));
        AttachResult again = net.attach("api", spec("default", "9000:9000"));
        assertThat(again.ip()).isEqualTo(IpAddress.parse("10.99.0.2"));
        assertThat(kernel.namespaces).containsExactly("niso-api", "niso-db");
    }

    @Test
    void reattachWithNothingChangedKeepsNamespaceAndRulesAndOnlyLooks() {
        net.attach("api", spec("default", "8080:8080"));
        String rules = kernel.tables.get("niso-api");
        kernel.commands.clear();

        AttachResult again = net.attach("api", spec("default", "8080:8080"));

        assertThat(again.ip()).isEqualTo(IpAddress.parse("10.99.0.2"));
        assertThat(again.hostsEntries()).containsExactly("10.99.0.2 api.niso.local");
        assertThat(kernel.rendered()).containsExactly(
                "ip -o link show dev " + NetNames.hostVeth("api"),
                "ip -n niso-api -o route show");
        assertThat(kernel.tables.get("niso-api")).isEqualTo(rules);
    }

    @Test
    void reattachSetsUpAgainWhatIsMissingOrChanged() {
        net.attach("api", spec("default", "8080:8080"));
        kernel.run(online.niso.common.cmd.Cmd.of("ip", "netns", "del", "niso-api"), java.time.Duration.ofSeconds(1));
        kernel.commands.clear();
        net.attach("api", spec("default", "8080:8080"));
        assertThat(kernel.rendered()).contains("ip netns add niso-api", "ip -n niso-api route add default via 10.99.0.1");
        assertThat(kernel.tables).containsKey("niso-api");

        kernel.up.remove(NetNames.hostVeth("api")); // host end down
        kernel.commands.clear();
        net.attach("api", spec("default", "8080:8080"));
        assertThat(kernel.rendered()).contains("ip netns add niso-api");

        kernel.nsGateway.clear(); // e.g. eth0 was set down and up again by hand: the default route is gone
        kernel.commands.clear();
        net.attach("api", spec("default", "8080:8080"));
        assertThat(kernel.rendered()).contains("ip -n niso-api route add default via 10.99.0.1");

        kernel.commands.clear();
        net.attach("api", spec("default", "9000:9000")); // a changed attachment: set up again, new rules
        assertThat(kernel.rendered()).contains("ip netns add niso-api");
        assertThat(kernel.tables.get("")).contains("dport 9000").doesNotContain("dport 8080");
    }

    @Test
    void detachLeavesNoNamespaceVethOrServiceRuleButKeepsTheBridge() {
        net.attach("api", spec("default", "8080:8080"));
        net.attach("db", spec("default"));
        Map<String, List<String>> updates = net.detach("api");

        assertThat(updates).containsOnlyKeys("db");
        assertThat(updates.get("db")).containsExactly("10.99.0.3 db.niso.local");
        net.detach("db");
        assertThat(kernel.namespaces).isEmpty();
        assertThat(kernel.links).containsOnlyKeys("niso-default");
        assertThat(kernel.tables).as("no service left: no niso table at all").isEmpty();
        assertThat(net.state().attachments()).isEmpty();
    }

    @Test
    void removeNetworkDeletesItsBridgeAndRefusesWhileUsed() {
        net.create("backend", Cidr.parse("10.99.1.0/24"));
        net.attach("api", spec("backend"));
        assertThatThrownBy(() -> net.remove("backend")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("used by api");
        net.detach("api");
        net.remove("backend");
        assertThat(kernel.links).doesNotContainKey("niso-backend");
        assertThat(net.state().network("backend")).isEmpty();
    }

    @Test
    void createRefusesOverlapsDuplicatesAndTheDefault() {
        net.create("backend", Cidr.parse("10.99.1.0/24"));
        assertThatThrownBy(() -> net.create("other", Cidr.parse("10.99.0.0/16")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> net.create("backend", Cidr.parse("10.99.5.0/24")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> net.remove("niso-default"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be removed");
    }

    @Test
    void attachToUnknownNetworkSaysHowToCreateIt() {
        assertThatThrownBy(() -> net.attach("api", spec("nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("niso net create nope");
        assertThat(kernel.namespaces).isEmpty();
    }

    @Test
    void failedKernelSetUpLeavesNothingBehind() {
        kernel.failWhen(c -> c.render().contains("route add default"));
        assertThatThrownBy(() -> net.attach("api", spec("default", "8080:8080")))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("route add default");
        assertThat(kernel.namespaces).isEmpty();
        assertThat(kernel.links).containsOnlyKeys("niso-default");
        assertThat(net.state().attachments()).isEmpty();
        assertThat(kernel.tables).isEmpty();
    }

    @Test
    void portForwardUpdatesStateAndHostTableWithoutTouchingTheNamespace() {
        net.attach("api", spec("default"));
        int before = kernel.commands.size();
        Attachment a = net.portForward("api", PortMapping.parse("9090:9090"));
        assertThat(a.ports()).containsExactly(PortMapping.parse("9090:9090"));
        assertThat(kernel.commands).hasSize(before); // no ip commands: nothing restarted or recreated
        assertThat(kernel.tables.get("")).contains("tcp dport 9090 dnat ip to 10.99.0.2:9090");
    }

    @Test
    void portClashesAreRefused() {
        net.attach("api", spec("default", "8080:8080"));
        assertThatThrownBy(() -> net.attach("web", spec("default", "127.0.0.1:8080:80")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already published by api");
        net.attach("dns", spec("default", "53:53/udp"));
        assertThatThrownBy(() -> net.portForward("dns", PortMapping.parse("8080:80")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(net.state().attachment("dns").orElseThrow().ports()).containsExactly(PortMapping.parse("53:53/udp"));
    }

    @Test
    void restoreRecreatesEverythingFromState() {
        net.create("backend", Cidr.parse("10.99.1.0/24"));
        net.attach("api", spec("backend", "8080:8080"));
        net.attach("web", spec("default"));
        String rules = net.renderedRules();
        // A reboot: the kernel forgets everything, the state DB does not.
        kernel.links.clear();
        kernel.namespaces.clear();
        kernel.tables.clear();

        net.restore();
        assertThat(kernel.namespaces).containsExactly("niso-api", "niso-web");
        assertThat(kernel.links).containsKeys("niso-backend", "niso-default", "niso-api/eth0", "niso-web/eth0");
        assertThat(net.liveRules()).isEqualTo(rules);
    }

    @Test
    void staticIpIsHonouredAndKeptAcrossReattach() {
        NetworkSpec s = new NetworkSpec("default", List.of(), Optional.of("db"),
                Optional.of(IpAddress.parse("10.99.0.40")), NetworkPolicy.OPEN);
        assertThat(net.attach("postgres", s).ip()).isEqualTo(IpAddress.parse("10.99.0.40"));
        assertThat(net.attach("other", spec("default")).ip()).isEqualTo(IpAddress.parse("10.99.0.2"));
        assertThat(net.attach("other", spec("default")).hostsEntries())
                .containsExactly("10.99.0.2 other.niso.local", "10.99.0.40 db.niso.local postgres.niso.local");
    }

    @Test
    void badServiceNameIsInvalidInputAndTouchesNothing() {
        assertThatThrownBy(() -> net.attach("Bad_Name", spec("default")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("service name");
        assertThat(kernel.commands).isEmpty();
    }

    @Test
    void failedReattachPutsThePreviousAttachmentBack() {
        net.attach("api", spec("default", "8080:8080"));
        kernel.failWhen(c -> c.render().contains("route add default") && kernel.links.containsKey("niso-api/eth0")
                && kernel.commands.stream().filter(x -> x.render().contains("route add default")).count() == 2);
        assertThatThrownBy(() -> net.attach("api", spec("default", "9090:9090")))
                .isInstanceOf(OperationFailedException.class);
        Attachment back = net.state().attachment("api").orElseThrow();
        assertThat(back.ports()).containsExactly(PortMapping.parse("8080:8080"));
        assertThat(kernel.namespaces).containsExactly("niso-api");
        assertThat(kernel.tables.get("")).contains("dport 8080 dnat ip to 10.99.0.2:8080");
    }

    @Test
    void restoreSetsUpEveryServiceItCanAndReportsTheOthers() {
        net.attach("api", spec("default", "8080:8080"));
        net.attach("web", spec("default"));
        kernel.links.clear();
        kernel.namespaces.clear();
        kernel.tables.clear();
        kernel.failWhen(c -> c.render().equals("ip netns add niso-api"));

        assertThatThrownBy(() -> net.restore()).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("service api:");
        assertThat(kernel.namespaces).containsExactly("niso-web");
        assertThat(kernel.tables).containsKeys("", "niso-web");
    }
}
