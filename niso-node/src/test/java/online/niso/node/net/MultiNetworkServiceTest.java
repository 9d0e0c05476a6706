package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
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

/** A service on several networks through the network shell, against {@link FakeKernel} and a real SQLite DB. */
class MultiNetworkServiceTest {
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
        net.create("backend", Cidr.parse("10.99.1.0/24"));
        net.create("frontend", Cidr.parse("10.99.2.0/24"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static NetworkSpec spec(List<String> networks, String... ports) {
        return new NetworkSpec(networks, java.util.Arrays.stream(ports).map(PortMapping::parse).toList(),
                Optional.empty(), Optional.empty(), NetworkPolicy.OPEN);
    }

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    /** The docs' shape: db on backend, web on frontend, api on both (backend first). */
    private AttachResult docsStack() {
        net.attach("db", spec(List.of("backend")));
        net.attach("web", spec(List.of("frontend"), "8081:8080"));
        return net.attach("api", spec(List.of("backend", "frontend"), "8080:8080"));
    }

    @Test
    void aServiceOnTwoNetworksGetsAVethAndAnAddressOnEachAndItsPeersHostsFilesChange() {
        AttachResult api = docsStack();

        assertThat(api.links()).containsExactly(new Link("backend", ip("10.99.1.3")),
                new Link("frontend", ip("10.99.2.3")));
        assertThat(api.ip()).as("primary: backend").isEqualTo(ip("10.99.1.3"));
        assertThat(kernel.links).containsKeys(NetNames.hostVeth("api", 0), NetNames.hostVeth("api", 1),
                "niso-api/eth0", "niso-api/eth1");
        assertThat(kernel.masters).containsEntry(NetNames.hostVeth("api", 0), "niso-backend")
                .containsEntry(NetNames.hostVeth("api", 1), "niso-frontend");
        assertThat(kernel.nsGateway).containsEntry("niso-api", "10.99.1.1");
        assertThat(api.hostsEntries()).containsExactly("10.99.1.2 db.niso.local", "10.99.1.3 api.niso.local",
                "10.99.2.2 web.niso.local");
        // both db (backend) and web (frontend) learn api, each at its address on their shared network
        assertThat(api.hostsUpdates()).containsOnlyKeys("api", "db", "web");
        assertThat(api.hostsUpdates().get("db")).containsExactly("10.99.1.2 db.niso.local", "10.99.1.3 api.niso.local");
        assertThat(api.hostsUpdates().get("web")).containsExactly("10.99.2.2 web.niso.local", "10.99.2.3 api.niso.local");
        assertThat(kernel.tables.get("")).contains("dport 8080 dnat ip to 10.99.1.3:8080");
        assertThat(kernel.tables.get("niso-db")).contains("ip saddr 10.99.2.0/24 drop");
        assertThat(kernel.tables.get("niso-api")).doesNotContain("10.99.2.0/24 drop").doesNotContain("10.99.1.0/24 drop");
    }

    @Test
    void reattachWithTheSameNetworksOnlyLooksAtEveryLink() {
        docsStack();
        kernel.commands.clear();
        net.attach("api", spec(List.of("backend", "frontend"), "8080:8080"));
        assertThat(kernel.rendered()).containsExactly("ip -o link show dev " + NetNames.hostVeth("api", 0),
                "ip -o link show dev " + NetNames.hostVeth("api", 1), "ip -n niso-api -o route show");
    }

    @Test
    void aSecondaryLinkGoneMissingIsSetUpAgain() {
        docsStack();
        kernel.run(online.niso.common.cmd.Cmd.of("ip", "link", "del", NetNames.hostVeth("api", 1)),
                java.time.Duration.ofSeconds(1));
        kernel.commands.clear();
        net.attach("api", spec(List.of("backend", "frontend"), "8080:8080"));
        assertThat(kernel.rendered()).contains("ip netns add niso-api", "ip -n niso-api addr add 10.99.2.3/24 dev eth1");
        assertThat(kernel.links).containsKeys("niso-api/eth1");
    }

    @Test
    void leavingANetworkRemovesItsVethKeepsTheOtherAddressAndTellsTheLeftPeers() {
        docsStack();
        AttachResult r = net.attach("api", spec(List.of("backend"), "8080:8080"));
        assertThat(r.links()).containsExactly(new Link("backend", ip("10.99.1.3")));
        assertThat(kernel.links).doesNotContainKeys(NetNames.hostVeth("api", 1), "niso-api/eth1");
        assertThat(r.hostsUpdates().get("web")).containsExactly("10.99.2.2 web.niso.local");

        AttachResult back = net.attach("api", spec(List.of("frontend", "backend"), "8080:8080"));
        assertThat(back.links()).as("order is the declared one; backend keeps its address")
                .containsExactly(new Link("frontend", ip("10.99.2.3")), new Link("backend", ip("10.99.1.3")));
        assertThat(kernel.nsGateway).containsEntry("niso-api", "10.99.2.1");
        assertThat(kernel.tables.get("")).contains("dnat ip to 10.99.2.3:8080");
    }

    @Test
    void detachRemovesEveryVethAndTheNamespace() {
        docsStack();
        var updates = net.detach("api");
        assertThat(kernel.links.keySet()).noneMatch(l -> l.startsWith("niso-api/"))
                .doesNotContain(NetNames.hostVeth("api", 0), NetNames.hostVeth("api", 1));
        assertThat(kernel.namespaces).containsExactly("niso-db", "niso-web");
        assertThat(updates).containsOnlyKeys("db", "web");
        assertThat(net.state().attachment("api")).isEmpty();
        assertThat(kernel.tables.get("")).doesNotContain("8080:8080").doesNotContain("10.99.1.3");
    }

    @Test
    void restoreAfterARebootSetsUpEveryLink() {
        docsStack();
        FakeKernel rebooted = new FakeKernel();
        new NetworkService(db, rebooted, rebooted).restore();
        assertThat(rebooted.links).containsKeys("niso-api/eth0", "niso-api/eth1", NetNames.hostVeth("api", 1),
                "niso-db/eth0", "niso-web/eth0", "niso-backend", "niso-frontend");
        assertThat(rebooted.nsAddress).containsEntry("niso-api/eth1", "10.99.2.3/24");
        assertThat(rebooted.tables).containsKeys("", "niso-api", "niso-db", "niso-web");
    }

    @Test
    void theStateSurvivesAReopenInDeclaredOrder() {
        docsStack();
        db.close();
        db = StateDb.open(tmp.resolve("niso.db"));
        Attachment api = db.read(NetRepository::load).attachment("api").orElseThrow();
        assertThat(api.links()).containsExactly(new Link("backend", ip("10.99.1.3")),
                new Link("frontend", ip("10.99.2.3")));
        assertThat(api.ports()).containsExactly(PortMapping.parse("8080:8080"));
    }

    @Test
    void aStaticIpGoesToTheNetworkThatContainsItAndOutsideAllIsRefused() {
        NetworkSpec withIp = new NetworkSpec(List.of("backend", "frontend"), List.of(), Optional.empty(),
                Optional.of(ip("10.99.2.50")), NetworkPolicy.OPEN);
        assertThat(net.attach("api", withIp).links()).containsExactly(new Link("backend", ip("10.99.1.2")),
                new Link("frontend", ip("10.99.2.50")));
        NetworkSpec outside = new NetworkSpec(List.of("backend", "frontend"), List.of(), Optional.empty(),
                Optional.of(ip("10.99.7.5")), NetworkPolicy.OPEN);
        assertThatThrownBy(() -> net.attach("other", outside)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("10.99.7.5 is inside none of the networks backend (10.99.1.0/24), frontend");
        assertThat(net.state().attachment("other")).isEmpty();
    }

    @Test
    void anUnknownSecondNetworkIsRefusedAndChangesNothing() {
        net.attach("api", spec(List.of("backend")));
        assertThatThrownBy(() -> net.attach("api", spec(List.of("backend", "nope"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("network nope does not exist");
        assertThat(net.state().attachment("api").orElseThrow().networks()).containsExactly("backend");
    }
}
