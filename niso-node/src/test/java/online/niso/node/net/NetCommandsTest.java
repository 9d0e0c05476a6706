package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import online.niso.common.cmd.Cmd;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import org.junit.jupiter.api.Test;

/** The exact kernel commands, one behaviour per test (Kamal's commands tests). */
class NetCommandsTest {
    private static final Network BACKEND = new Network("backend", Cidr.parse("10.99.1.0/24"));
    private static final Attachment API = new Attachment("api", "backend", IpAddress.parse("10.99.1.7"), List.of(),
            Optional.empty(), NetworkPolicy.OPEN);

    private static List<String> rendered(List<Cmd> cmds) {
        return cmds.stream().map(Cmd::render).toList();
    }

    @Test
    void bridgeGetsTheGatewayAddressForwardingAndRouteLocalnetOnItselfOnly() {
        assertThat(NetCommands.addBridge(BACKEND).render()).isEqualTo("ip link add niso-backend type bridge");
        assertThat(rendered(NetCommands.configureBridge(BACKEND))).containsExactly(
                "ip addr replace 10.99.1.1/24 dev niso-backend",
                "ip link set niso-backend up",
                "sysctl -q -w net.ipv4.ip_forward=1",
                "sysctl -q -w net.ipv4.conf.niso-backend.route_localnet=1");
    }

    @Test
    void serviceGetsItsOwnNamespaceVethAddressAndDefaultRoute() {
        String veth = NetNames.hostVeth("api");
        assertThat(rendered(NetCommands.setUpService(API, List.of(BACKEND)))).containsExactly(
                "ip netns add niso-api",
                // 10.99.1.7 → 0a:63:01:07: the MAC follows the address, so ARP caches stay right on re-attach
                "ip link add " + veth + " type veth peer name eth0 address 02:42:0a:63:01:07 netns niso-api",
                "ip link set " + veth + " master niso-backend",
                "ip link set " + veth + " up",
                "ip -n niso-api link set lo up",
                "ip -n niso-api addr add 10.99.1.7/24 dev eth0",
                "ip -n niso-api link set eth0 up",
                "ip -n niso-api route add default via 10.99.1.1");
    }

    @Test
    void cleanupDeletesTheVethBeforeTheNamespace() {
        assertThat(rendered(NetCommands.cleanupService("api", 1))).containsExactly(
                "ip -n niso-api link del eth0", "ip link del " + NetNames.hostVeth("api"), "ip netns del niso-api");
    }

    @Test
    void vethNamesFitLinuxsFifteenCharactersEvenForLongServiceNames() {
        String longName = "a".repeat(63);
        assertThat(NetNames.hostVeth(longName)).hasSize(15).startsWith("nisov");
        assertThat(NetNames.hostVeth("api")).isNotEqualTo(NetNames.hostVeth("apj"));
        assertThat(NetNames.netnsPath("api").toString()).isEqualTo("/run/netns/niso-api");
    }

    @Test
    void nftRunsInTheServicesNamespaceThroughIpNetnsExec() {
        assertThat(NftProcess.in(Optional.of("niso-api"), Cmd.of("nft", "-f", "-")).render())
                .isEqualTo("ip netns exec niso-api nft -f -");
        assertThat(NftProcess.in(Optional.empty(), Cmd.of("nft", "-f", "-")).render()).isEqualTo("nft -f -");
    }

    private static final String HOST_LINK = "15: nisov9690e141b9@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc"
            + " noqueue master niso-default state UP mode DEFAULT group default qlen 1000\\    link/ether"
            + " 7e:33:b8:6e:e2:c0 brd ff:ff:ff:ff:ff:ff link-netns niso-static-web\n";
    private static final String ROUTES = "default via 10.99.0.1 dev eth0 \n"
            + "10.99.0.0/24 dev eth0 proto kernel scope link src 10.99.0.2 \n";

    private static final List<Network> DEFAULT = List.of(Network.DEFAULT);

    private static Attachment attachment(String ip) {
        return new Attachment("static-web", "default", online.niso.common.model.IpAddress.parse(ip), List.of(),
                java.util.Optional.empty(), online.niso.common.model.NetworkPolicy.OPEN);
    }

    @Test
    void inspectReadsTheHostVethAndTheNamespaceRoutes() {
        assertThat(NetCommands.inspectService(attachment("10.99.0.2")).stream().map(online.niso.common.cmd.Cmd::render))
                .containsExactly("ip -o link show dev " + NetNames.hostVeth("static-web"),
                        "ip -n niso-static-web -o route show");
    }

    /** Outputs as iproute2 6.1 prints them on a test host (captured), then broken one way at a time. */
    @Test
    void inPlaceOnlyWhenHostEndUpOnTheBridgeAndAddressAndDefaultRouteLive() {
        String veth = NetNames.hostVeth("static-web");
        String link = HOST_LINK.replace("nisov9690e141b9", veth);
        assertThat(NetCommands.inPlace(attachment("10.99.0.2"), DEFAULT, List.of(link), ROUTES)).isTrue();

        assertThat(NetCommands.inPlace(attachment("10.99.0.3"), DEFAULT, List.of(link), ROUTES)).isFalse();
        assertThat(NetCommands.inPlace(attachment("10.99.0.2"), DEFAULT, List.of(link),
                ROUTES.replace(" \n", " linkdown \n"))).isFalse();
        assertThat(NetCommands.inPlace(attachment("10.99.0.2"), DEFAULT, List.of(link),
                "10.99.0.0/24 dev eth0 proto kernel scope link src 10.99.0.2 \n")).isFalse();
        assertThat(NetCommands.inPlace(attachment("10.99.0.2"), DEFAULT, List.of(link), "")).isFalse();
        assertThat(NetCommands.inPlace(attachment("10.99.0.2"), DEFAULT,
                List.of(link.replace("master niso-default", "master other")), ROUTES)).isFalse();
        assertThat(NetCommands.inPlace(attachment("10.99.0.2"), DEFAULT,
                List.of(link.replace(",UP,LOWER_UP", "").replace("state UP", "state DOWN")), ROUTES)).isFalse();
        assertThat(NetCommands.inPlace(attachment("10.99.0.2"), DEFAULT, List.of(""), ROUTES)).isFalse();
    }
}
