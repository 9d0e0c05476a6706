package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.PortMapping;
import online.niso.node.net.Attachment;
import online.niso.node.net.NetRepository;
import online.niso.node.net.Network;
import online.niso.node.net.NftScript;
import online.niso.node.net.RulesetGenerator;
import online.niso.node.state.StateDb;
import online.niso.node.store.NodePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only net commands over a seeded state DB (commands that change the kernel run on test hosts). */
class NetCliTest {
    @TempDir Path root;

    record Run(int code, String out, String err) {}

    Run niso(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--root", root.toString())).toArray(String[]::new);
        int code = NodeMain.run(new NodeEnvironment(new PrintWriter(out), new PrintWriter(err), Map.of(),
                Clock.systemUTC(), false), all);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void seed() {
        try (StateDb db = StateDb.open(NodePaths.of(root).stateDb())) {
            db.inTransaction(c -> {
                NetRepository.insertNetwork(c, new Network("backend", Cidr.parse("10.99.1.0/24")));
                NetRepository.upsertAttachment(c, new Attachment("api", "backend", IpAddress.parse("10.99.1.2"),
                        List.of(PortMapping.parse("8080:8080")), Optional.empty(), NetworkPolicy.OPEN));
                NetRepository.upsertAttachment(c, new Attachment("worker", "backend", IpAddress.parse("10.99.1.3"),
                        List.of(), Optional.empty(), NetworkPolicy.OPEN));
                NetRepository.upsertAttachment(c, new Attachment("dns", "default", IpAddress.parse("10.99.0.2"),
                        List.of(PortMapping.parse("53:53/udp")), Optional.empty(), NetworkPolicy.OPEN));
                return null;
            });
        }
    }

    @Test
    void listShowsEveryNetworkWithItsServiceCount() {
        Run r = niso("net", "list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                NAME          SUBNET        SERVICES
                backend       10.99.1.0/24  2
                niso-default  10.99.0.0/24  1
                """);
    }

    @Test
    void inspectShowsBridgeAddressesAndPorts() {
        Run r = niso("net", "inspect", "backend");
        assertThat(r.out()).isEqualTo("""
                Name:    backend
                Subnet:  10.99.1.0/24
                Bridge:  niso-backend
                Gateway: 10.99.1.1
                Services:
                  api 10.99.1.2 ports: 8080→8080
                  worker 10.99.1.3 ports: none
                """);
    }

    @Test
    void portsListsEveryMappingAndJsonCarriesTheSchema() {
        assertThat(niso("net", "ports").out()).isEqualTo("""
                SERVICE  HOST          CONTAINER  PROTO
                api      0.0.0.0:8080  8080       tcp
                dns      0.0.0.0:53    53         udp
                """);
        assertThat(niso("net", "ports", "--json").out().strip()).isEqualTo("{\"ports\":["
                + "{\"container\":8080,\"host\":\"0.0.0.0:8080\",\"proto\":\"tcp\",\"service\":\"api\"},"
                + "{\"container\":53,\"host\":\"0.0.0.0:53\",\"proto\":\"udp\",\"service\":\"dns\"}],\"schema\":1}");
    }

    @Test
    void renderedRulesAreTheGeneratorsOutput() {
        String expected;
        try (StateDb db = StateDb.open(NodePaths.of(root).stateDb())) {
            expected = NftScript.describe(new RulesetGenerator().generate(db.read(NetRepository::load)));
        }
        assertThat(niso("net", "rules", "--rendered").out()).isEqualTo(expected);
    }

    @Test
    void badInputIsExitTwoWithOneLine() {
        Run unknown = niso("net", "inspect", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("error: no network named nope");
        Run badSubnet = niso("net", "create", "x", "--subnet", "10.99.5.7/24");
        assertThat(badSubnet.code()).isEqualTo(2);
        assertThat(badSubnet.err()).contains("host bits zero");
        Run badPort = niso("port-forward", "api", "99999:1");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(Files.exists(root.resolve("etc/systemd/system/niso-network.service"))).isFalse();
    }

    @Test
    void bootUnitIsWrittenAtomicallyWithTheRoot() throws Exception {
        Run r = niso("net", "boot-unit", "--no-enable", "--niso", "/opt/niso/dist/bin/niso");
        assertThat(r.code()).as(r.err()).isZero();
        String unit = Files.readString(root.resolve("etc/systemd/system/niso-network.service"));
        assertThat(unit).contains("Type=oneshot", "RemainAfterExit=yes",
                "ExecStart=/opt/niso/dist/bin/niso net restore --root " + root, "WantedBy=multi-user.target");
    }
}
