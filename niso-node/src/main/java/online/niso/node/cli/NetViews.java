package online.niso.node.cli;

import java.util.ArrayList;
import java.util.List;
import online.niso.common.model.PortMapping;
import online.niso.node.net.Attachment;
import online.niso.node.net.NetState;
import online.niso.node.net.Network;

/** What the {@code niso net} commands report: JSON as-is ({@code --json}), text via {@link #text()}. */
final class NetViews {
    private NetViews() {}

    /** "8080→8080", "53→53/udp", "127.0.0.1:9000→9000": the docs' inspect format. */
    static String arrow(String canonical) {
        PortMapping p = PortMapping.parse(canonical);
        return p.bindAddress().map(ip -> ip + ":").orElse("") + p.hostPort() + "→" + p.containerPort()
                + (p.protocol() == online.niso.common.model.Protocol.TCP ? "" : "/" + p.protocol().configName());
    }

    record PortRow(String service, String host, int container, String proto) {
        static PortRow of(String service, PortMapping p) {
            return new PortRow(service, p.bindAddress().map(Object::toString).orElse("0.0.0.0") + ":" + p.hostPort(),
                    p.containerPort(), p.protocol().configName());
        }
    }

    record Member(String service, String ip, List<String> names, List<String> ports) {
        /** The service as seen on {@code network}: its address there; its ports only on its primary network. */
        static Member of(Attachment a, String network) {
            return new Member(a.service(), a.ipOn(network).orElseThrow().toString(), a.dnsNames(),
                    network.equals(a.network()) ? a.ports().stream().map(PortMapping::toString).toList() : List.of());
        }
    }

    record NetworkView(String name, String subnet, String bridge, String gateway, List<Member> services)
            implements Views.View {
        static NetworkView of(NetState s, Network n) {
            return new NetworkView(n.displayName(), n.subnet().toString(), n.bridge(), n.gateway().toString(),
                    s.on(n.name()).stream().map(a -> Member.of(a, n.name())).toList());
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder("Name:    ").append(name).append("\nSubnet:  ").append(subnet)
                    .append("\nBridge:  ").append(bridge).append("\nGateway: ").append(gateway).append("\nServices:");
            if (services.isEmpty()) {
                sb.append(" none");
            }
            for (Member m : services) {
                sb.append("\n  ").append(m.service()).append(' ').append(m.ip()).append(" ports: ")
                        .append(m.ports().isEmpty() ? "none" : String.join(", ", m.ports().stream()
                                .map(NetViews::arrow).toList()));
            }
            return sb.append('\n').toString();
        }
    }

    record NetworkList(List<NetworkView> networks) implements Views.View {
        @Override
        public String text() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("NAME", "SUBNET", "SERVICES"));
            for (NetworkView n : networks) {
                rows.add(List.of(n.name(), n.subnet(), Integer.toString(n.services().size())));
            }
            return Table.render(rows);
        }
    }

    record PortList(List<PortRow> ports) implements Views.View {
        static PortList of(NetState s) {
            List<PortRow> rows = new ArrayList<>();
            for (Attachment a : s.attachments()) {
                a.ports().forEach(p -> rows.add(PortRow.of(a.service(), p)));
            }
            return new PortList(rows);
        }

        @Override
        public String text() {
            if (ports.isEmpty()) {
                return "no published ports";
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SERVICE", "HOST", "CONTAINER", "PROTO"));
            for (PortRow p : ports) {
                rows.add(List.of(p.service(), p.host(), Integer.toString(p.container()), p.proto()));
            }
            return Table.render(rows);
        }
    }

    record Removed(String name) implements Views.View {
        @Override
        public String text() {
            return "removed network " + name;
        }
    }

    record Created(NetworkView network) implements Views.View {
        @Override
        public String text() {
            return "network " + network.name() + " created (" + network.subnet() + ", bridge " + network.bridge() + ")";
        }
    }

    record Rules(String rules) implements Views.View {
        @Override
        public String text() {
            return rules;
        }
    }

    record Forwarded(String service, String ip, List<String> ports) implements Views.View {
        @Override
        public String text() {
            return service + " (" + ip + ") now publishes " + String.join(", ", ports);
        }
    }

    record Restored(int networks, int services) implements Views.View {
        @Override
        public String text() {
            return "restored " + networks + " network(s) and " + services + " service namespace(s)";
        }
    }

    record BootUnitInstalled(String unit, String path) implements Views.View {
        @Override
        public String text() {
            return "installed and enabled " + unit + " (" + path + ")";
        }
    }
}
