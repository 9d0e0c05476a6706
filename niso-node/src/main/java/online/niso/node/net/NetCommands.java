package online.niso.node.net;

import java.util.ArrayList;
import java.util.List;
import online.niso.common.cmd.Cmd;

/**
 * The kernel changes behind networking, as command values ({@code ip}, {@code sysctl}); pure, so
 * tests assert the exact argv and {@link NetworkService} only runs them.
 */
public final class NetCommands {
    private NetCommands() {}

    public static Cmd linkExists(String iface) {
        return Cmd.of("ip", "link", "show", "dev", iface);
    }

    /** Creates the bridge; run only when {@link #linkExists} failed. */
    public static Cmd addBridge(Network n) {
        return Cmd.of("ip", "link", "add", n.bridge(), "type", "bridge");
    }

    /** Address, link up and the two sysctls routing needs: idempotent, safe to repeat at every boot. */
    public static List<Cmd> configureBridge(Network n) {
        return List.of(
                Cmd.of("ip", "addr", "replace", n.gateway() + "/" + n.subnet().prefix(), "dev", n.bridge()),
                Cmd.of("ip", "link", "set", n.bridge(), "up"),
                // Routing between bridges and to the world; published ports are DNAT + forward.
                Cmd.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1"),
                // Only on niso's own bridge: lets the host reach published ports through 127.0.0.1.
                Cmd.of("sysctl", "-q", "-w", "net.ipv4.conf." + n.bridge() + ".route_localnet=1"));
    }

    public static Cmd deleteLink(String iface) {
        return Cmd.of("ip", "link", "del", iface);
    }

    /**
     * Removes what an earlier (possibly interrupted) attach with up to {@code links} networks left; failures
     * here mean "nothing there".
     */
    public static List<Cmd> cleanupService(String service, int links) {
        String ns = NetNames.netns(service);
        List<Cmd> out = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            // Delete the veths first: a namespace still used by a process outlives `ip netns del`.
            out.add(Cmd.of("ip", "-n", ns, "link", "del", NetNames.serviceIface(i)));
            out.add(Cmd.of("ip", "link", "del", NetNames.hostVeth(service, i)));
        }
        out.add(Cmd.of("ip", "netns", "del", ns));
        return out;
    }

    /**
     * The namespace with one veth pair per network: the i-th network's bridge gets the host end, the namespace
     * eth{i} with the service's address there. Only the primary (eth0) gets the default route; the others
     * are reached through the subnet route the kernel adds with each address.
     */
    public static List<Cmd> setUpService(Attachment a, List<Network> networks) {
        String ns = NetNames.netns(a.service());
        List<Cmd> out = new ArrayList<>();
        out.add(Cmd.of("ip", "netns", "add", ns));
        for (int i = 0; i < a.links().size(); i++) {
            String veth = NetNames.hostVeth(a.service(), i);
            out.add(Cmd.of("ip", "link", "add", veth, "type", "veth", "peer", "name", NetNames.serviceIface(i),
                    "address", mac(a.links().get(i).ip()), "netns", ns));
            out.add(Cmd.of("ip", "link", "set", veth, "master", network(networks, a.links().get(i)).bridge()));
            out.add(Cmd.of("ip", "link", "set", veth, "up"));
        }
        out.add(Cmd.of("ip", "-n", ns, "link", "set", "lo", "up"));
        for (int i = 0; i < a.links().size(); i++) {
            Link l = a.links().get(i);
            out.add(Cmd.of("ip", "-n", ns, "addr", "add", l.ip() + "/" + network(networks, l).subnet().prefix(),
                    "dev", NetNames.serviceIface(i)));
            out.add(Cmd.of("ip", "-n", ns, "link", "set", NetNames.serviceIface(i), "up"));
        }
        out.add(Cmd.of("ip", "-n", ns, "route", "add", "default", "via",
                network(networks, a.links().get(0)).gateway().toString()));
        return out;
    }

    private static Network network(List<Network> networks, Link l) {
        return networks.stream().filter(n -> n.name().equals(l.network())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no network " + l.network() + " given"));
    }

    /** What {@link #inPlace} reads: the host end of each of the service's veths, then the routes in its namespace. */
    public static List<Cmd> inspectService(Attachment a) {
        List<Cmd> out = new ArrayList<>();
        for (int i = 0; i < a.links().size(); i++) {
            out.add(Cmd.of("ip", "-o", "link", "show", "dev", NetNames.hostVeth(a.service(), i)));
        }
        out.add(Cmd.of("ip", "-n", NetNames.netns(a.service()), "-o", "route", "show"));
        return out;
    }

    /**
     * Whether the outputs of {@link #inspectService} ({@code hostLinks}, one per link, and {@code nsRoutes}) show
     * {@code a} completely set up: each host end up and on its network's bridge, and inside the namespace each
     * eth{i} up with the service's address there (the kernel keeps the subnet route only while the address is on
     * an up link) and the default route via the primary network that {@link #setUpService} adds last. Anything
     * else (no namespace, a half-done attach, a link set down by hand) is not in place, and attach sets
     * everything up again.
     */
    public static boolean inPlace(Attachment a, List<Network> networks, List<String> hostLinks, String nsRoutes) {
        if (hostLinks.size() != a.links().size()) {
            return false;
        }
        List<String> routes = new ArrayList<>();
        for (String line : nsRoutes.split("\n")) {
            List<String> w = List.of(line.strip().split("\\s+"));
            if (!w.contains("linkdown")) {
                routes.add(String.join(" ", w));
            }
        }
        for (int i = 0; i < a.links().size(); i++) {
            Link l = a.links().get(i);
            Network n = network(networks, l);
            String link = hostLinks.get(i).strip();
            boolean hostSide = link.contains(": " + NetNames.hostVeth(a.service(), i) + "@") && link.contains(",UP")
                    && link.contains(" master " + n.bridge() + " ") && link.contains(" state UP ");
            String dev = "dev " + NetNames.serviceIface(i);
            boolean subnet = routes.stream().anyMatch(r -> r.startsWith(n.subnet() + " " + dev + " ")
                    && r.endsWith(" src " + l.ip()));
            if (!hostSide || !subnet) {
                return false;
            }
        }
        Network primary = network(networks, a.links().get(0));
        return routes.contains("default via " + primary.gateway() + " dev " + NetNames.SERVICE_IFACE);
    }

    /**
     * The service's MAC, derived from its address (02:42 + the IPv4 bytes, locally administered, as Docker
     * does). A re-attached service (an activation that changes its attachment re-creates its namespace) keeps its address; with a
     * random MAC the host's and its peers' ARP caches would keep sending to the old one for up to 30 s.
     */
    static String mac(online.niso.common.model.IpAddress ip) {
        byte[] b = ip.bytes();
        byte[] tail = b.length == 4 ? b : java.util.Arrays.copyOfRange(b, b.length - 4, b.length);
        return String.format("02:42:%02x:%02x:%02x:%02x", tail[0] & 0xff, tail[1] & 0xff, tail[2] & 0xff,
                tail[3] & 0xff);
    }

    /** Runs {@code cmd} inside the service's network namespace. */
    public static Cmd inNetns(String service, Cmd cmd) {
        return cmd.prefixedBy(Cmd.of("ip", "netns", "exec", NetNames.netns(service)));
    }
}
