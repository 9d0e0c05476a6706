package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import online.niso.common.cmd.Cmd;
import online.niso.node.systemd.GoldenFilesAccess;
import org.junit.jupiter.api.Test;

/**
 * A service on two networks (golden/nft/api-on-two-networks: db on backend, web on frontend, api on both), beyond
 * its nft tables (those are {@link RulesetGoldenTest}'s): the hosts file each service gets and the exact kernel
 * commands that attach, inspect and clean up api, compared with golden/netmulti/ ({@code -Dniso.golden.update=true}
 * rewrites them).
 */
class MultiNetworkGoldenTest {
    private static final String CASE = "api-on-two-networks";
    private final NetState state = NetGoldenCases.load(CASE);

    private static Path golden(String file) {
        return NetGoldenCases.root().resolveSibling("netmulti").resolve(CASE).resolve(file);
    }

    private static String lines(List<Cmd> cmds) {
        StringBuilder sb = new StringBuilder();
        cmds.forEach(c -> sb.append(c.render()).append('\n'));
        return sb.toString();
    }

    @Test
    void hostsFileOfEveryServiceListsThePeersSharingANetwork() {
        for (String service : List.of("api", "db", "web")) {
            GoldenFilesAccess.assertMatches(golden("hosts-" + service),
                    HostsEntries.file(HostsEntries.forService(state, service)));
        }
        // the isolation the goldens encode, spelled out: web and db never see each other
        assertThat(HostsEntries.forService(state, "web")).noneMatch(l -> l.contains("db.niso.local"))
                .contains("10.99.2.3 api.niso.local");
        assertThat(HostsEntries.forService(state, "db")).noneMatch(l -> l.contains("web.niso.local"))
                .contains("10.99.1.3 api.niso.local");
    }

    @Test
    void attachCommandsGiveApiOneVethAndAddressPerNetworkAndTheDefaultRouteViaItsPrimary() {
        Attachment api = state.attachment("api").orElseThrow();
        GoldenFilesAccess.assertMatches(golden("attach-api.txt"),
                "# set up\n" + lines(NetCommands.setUpService(api, state.networksOf(api)))
                        + "# inspect (re-activation fast path)\n" + lines(NetCommands.inspectService(api))
                        + "# clean up\n" + lines(NetCommands.cleanupService("api", api.links().size())));
    }

    @Test
    void theFastPathRecognisesBothLinksInPlaceAndNothingLess() {
        Attachment api = state.attachment("api").orElseThrow();
        List<Network> nets = state.networksOf(api);
        String veth0 = NetNames.hostVeth("api", 0);
        String veth1 = NetNames.hostVeth("api", 1);
        List<String> hostLinks = List.of(hostLink(veth0, "niso-backend"), hostLink(veth1, "niso-frontend"));
        String routes = "default via 10.99.1.1 dev eth0 \n"
                + "10.99.1.0/24 dev eth0 proto kernel scope link src 10.99.1.3 \n"
                + "10.99.2.0/24 dev eth1 proto kernel scope link src 10.99.2.3 \n";
        assertThat(NetCommands.inPlace(api, nets, hostLinks, routes)).isTrue();

        assertThat(NetCommands.inPlace(api, nets, hostLinks.subList(0, 1), routes)).as("one veth missing").isFalse();
        assertThat(NetCommands.inPlace(api, nets, List.of(hostLinks.get(0), hostLink(veth1, "niso-backend")), routes))
                .as("second veth on the wrong bridge").isFalse();
        assertThat(NetCommands.inPlace(api, nets, hostLinks, routes.replace("dev eth1 proto kernel scope link src"
                + " 10.99.2.3 ", "dev eth1 proto kernel scope link src 10.99.2.3 linkdown "))).as("eth1 down").isFalse();
        assertThat(NetCommands.inPlace(api, nets, hostLinks, routes.replace("default via 10.99.1.1",
                "default via 10.99.2.1"))).as("default route via the other network").isFalse();
    }

    @Test
    void secondaryVethNamesAreStableDistinctAndFitFifteenCharacters() {
        assertThat(NetNames.hostVeth("api", 0)).isEqualTo(NetNames.hostVeth("api"));
        assertThat(NetNames.hostVeth("api", 1)).hasSize(15).startsWith("nisov")
                .isNotEqualTo(NetNames.hostVeth("api", 0)).isNotEqualTo(NetNames.hostVeth("api", 2))
                .isEqualTo(NetNames.hostVeth("api", 1));
        assertThat(NetNames.serviceIface(1)).isEqualTo("eth1");
    }

    private static String hostLink(String veth, String bridge) {
        return "15: " + veth + "@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master " + bridge
                + " state UP mode DEFAULT group default qlen 1000\\    link/ether 7e:33:b8:6e:e2:c0 brd ff:ff:ff:ff:ff:ff\n";
    }
}
