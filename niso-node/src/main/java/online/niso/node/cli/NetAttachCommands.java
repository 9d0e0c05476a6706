package online.niso.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.IpAddress;
import online.niso.common.model.Names;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkSpec;
import online.niso.common.model.PortMapping;
import online.niso.node.net.AttachResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Low-level {@code niso net attach|detach|hosts}: what activation does for a service's network,
 * exposed for services niso does not activate itself (and for operators and tests).
 */
final class NetAttachCommands {
    private NetAttachCommands() {}

    @Command(addMethodSubcommands = false, name = "attach", mixinStandardHelpOptions = true,
            description = "Give a service its network namespace (/run/netns/niso-SERVICE), address and rules.")
    static final class Attach extends NetCommand.Base {
        @Parameters(index = "0", paramLabel = "SERVICE") String service;

        @Option(names = "--network", paramLabel = "NETWORK", description = "Repeat to join several networks; the"
                + " first is the primary (default route, published ports). Default: niso-default.")
        List<String> networks = new ArrayList<>();

        @Option(names = "--port", paramLabel = "HOST:CONTAINER[/PROTO]") List<String> ports = new ArrayList<>();

        @Option(names = "--ip", description = "Static address inside the network.") String ip;

        @Option(names = "--hostname", description = "Extra DNS name HOSTNAME.niso.local.") String hostname;

        @Option(names = "--allow-from", paramLabel = "NET|CIDR") List<String> allowFrom = new ArrayList<>();

        @Option(names = "--deny-from", paramLabel = "NET|CIDR") List<String> denyFrom = new ArrayList<>();

        @Option(names = "--egress-allow", paramLabel = "HOST:PORT|CIDR[:PORT]") List<String> egressAllow =
                new ArrayList<>();

        @Option(names = "--egress-deny", paramLabel = "HOST:PORT|CIDR[:PORT]") List<String> egressDeny =
                new ArrayList<>();

        Attach(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            List<String> joins = networks.isEmpty() ? List.of(Names.DEFAULT_NETWORK)
                    : networks.stream().map(NetCommand::networkName).toList();
            if (joins.stream().distinct().count() != joins.size()) {
                throw new InvalidInputException("--network: each network once, got " + String.join(", ", networks));
            }
            NetworkSpec spec = new NetworkSpec(joins,
                    parse("--port", ports, PortMapping::parse),
                    Optional.ofNullable(hostname).map(h -> parse("--hostname", List.of(h), Names::name).get(0)),
                    Optional.ofNullable(ip).map(i -> parse("--ip", List.of(i), IpAddress::parse).get(0)),
                    new NetworkPolicy(parse("--allow-from", allowFrom, NetworkPolicy.Peer::parse),
                            parse("--deny-from", denyFrom, NetworkPolicy.Peer::parse),
                            parse("--egress-allow", egressAllow, NetworkPolicy.EgressRule::parse),
                            parse("--egress-deny", egressDeny, NetworkPolicy.EgressRule::parse)));
            try (NetContext ctx = NetContext.open(env, common, true)) {
                print(Attached.of(ctx.net.attach(service, spec)));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "detach", mixinStandardHelpOptions = true,
            description = "Remove a service's namespace, veth, address and rules.")
    static final class Detach extends NetCommand.Base {
        @Parameters(index = "0", paramLabel = "SERVICE") String service;

        Detach(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (NetContext ctx = NetContext.open(env, common, true)) {
                print(new Detached(service, ctx.net.detach(service)));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "hosts", mixinStandardHelpOptions = true,
            description = "Print the /etc/hosts a service's rootfs gets (its network's services as NAME.niso.local).")
    static final class Hosts extends NetCommand.Base {
        @Parameters(index = "0", paramLabel = "SERVICE") String service;

        Hosts(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (NetContext ctx = NetContext.open(env, common, false)) {
                print(new NetViews.Rules(ctx.net.hostsFile(service)));
            }
            return 0;
        }
    }

    static <T> List<T> parse(String option, List<String> values, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(parser.apply(v));
            } catch (InvalidValueException e) {
                throw new InvalidInputException(option + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** {@code network}/{@code ip}: the primary; {@code networks}: every network with its address, in order. */
    record Attached(String service, String network, String netnsPath, String ip, List<Joined> networks,
            List<String> hostsEntries) implements Views.View {
        record Joined(String network, String ip) {}

        static Attached of(AttachResult r) {
            return new Attached(r.service(), r.network(), r.netnsPath().toString(), r.ip().toString(),
                    r.links().stream().map(l -> new Joined(l.network(), l.ip().toString())).toList(),
                    r.hostsEntries());
        }

        @Override
        public String text() {
            return service + " attached to " + String.join(", ", networks.stream()
                    .map(j -> j.network() + " as " + j.ip()).toList()) + " (namespace " + netnsPath + ")";
        }
    }

    record Detached(String service, Map<String, List<String>> hostsUpdates) implements Views.View {
        @Override
        public String text() {
            return "detached " + service;
        }
    }
}
