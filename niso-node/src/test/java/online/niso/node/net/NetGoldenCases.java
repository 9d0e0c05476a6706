package online.niso.node.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkPolicy.EgressRule;
import online.niso.common.model.NetworkPolicy.Peer;
import online.niso.common.model.PortMapping;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** The nft golden cases: golden/nft/<case>/input.toml → a {@link NetState}; expected/*.nft beside it. */
final class NetGoldenCases {
    private NetGoldenCases() {}

    static Path root() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        if (!Files.isDirectory(module.resolve("src/test/resources/golden")) && Files.isDirectory(module.resolve("niso-node"))) {
            module = module.resolve("niso-node");
        }
        return module.resolve("src/test/resources/golden/nft");
    }

    static Stream<String> names() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NetState load(String name) {
        try {
            TomlParseResult toml = Toml.parse(root().resolve(name).resolve("input.toml"));
            if (toml.hasErrors()) {
                throw new IllegalArgumentException(name + ": " + toml.errors());
            }
            List<Network> networks = new ArrayList<>(List.of(Network.DEFAULT));
            TomlTable nets = toml.getTable("networks");
            if (nets != null) {
                for (String key : nets.keySet()) {
                    networks.add(new Network(key, Cidr.parse(nets.getString(key))));
                }
            }
            List<Attachment> attachments = new ArrayList<>();
            TomlArray services = toml.getArray("service");
            for (int i = 0; services != null && i < services.size(); i++) {
                TomlTable s = services.getTable(i);
                // One network: network + ip; several: networks + ips, index by index (the first is the primary).
                List<String> names = s.contains("networks") ? strings(s, "networks") : List.of(s.getString("network"));
                List<String> ips = s.contains("ips") ? strings(s, "ips") : List.of(s.getString("ip"));
                List<Link> links = new ArrayList<>();
                for (int j = 0; j < names.size(); j++) {
                    links.add(new Link(names.get(j), IpAddress.parse(ips.get(j))));
                }
                attachments.add(new Attachment(s.getString("name"), links,
                        strings(s, "ports").stream().map(PortMapping::parse).toList(),
                        Optional.ofNullable(s.getString("hostname")),
                        new NetworkPolicy(strings(s, "allow_from").stream().map(Peer::parse).toList(),
                                strings(s, "deny_from").stream().map(Peer::parse).toList(),
                                strings(s, "egress_allow").stream().map(EgressRule::parse).toList(),
                                strings(s, "egress_deny").stream().map(EgressRule::parse).toList())));
            }
            return new NetState(networks, attachments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(TomlTable t, String key) {
        TomlArray a = t.getArray(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; a != null && i < a.size(); i++) {
            out.add(a.getString(i));
        }
        return out;
    }

    /** expected/host.nft and expected/service-<name>.nft: the scripts `nft -f` receives. */
    static Path expectedDir(String name) {
        return root().resolve(name).resolve("expected");
    }
}
