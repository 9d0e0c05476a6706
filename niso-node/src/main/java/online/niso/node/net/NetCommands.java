package online.niso.node.net;

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

    /** Removes what an earlier (possibly interrupted) attach left; failures here mean "nothing there". */
    public static List<Cmd> cleanupService(String service) {
        String ns = NetNames.netns(service);
        return List.of(
                // Delete the veth first: a namespace still used by a process outlives `ip netns del`.
                Cmd.of("ip", "-n", ns, "link", "del", NetNames.SERVICE_IFACE),
                Cmd.of("ip", "link", "del", NetNames.hostVeth(service)),
                Cmd.of("ip", "netns", "del", ns));
    }

    public static List<Cmd> setUpService(Attachment a, Network n) {
        String ns = NetNames.netns(a.service());
        String veth = NetNames.hostVeth(a.service());
        return List.of(
                Cmd.of("ip", "netns", "add", ns),
                Cmd.of("ip", "link", "add", veth, "type", "veth", "peer", "name", NetNames.SERVICE_IFACE,
                        "address", mac(a.ip()), "netns", ns),
                Cmd.of("ip", "link", "set", veth, "master", n.bridge()),
                Cmd.of("ip", "link", "set", veth, "up"),
                Cmd.of("ip", "-n", ns, "link", "set", "lo", "up"),
                Cmd.of("ip", "-n", ns, "addr", "add", a.ip() + "/" + n.subnet().prefix(), "dev",
                        NetNames.SERVICE_IFACE),
                Cmd.of("ip", "-n", ns, "link", "set", NetNames.SERVICE_IFACE, "up"),
                Cmd.of("ip", "-n", ns, "route", "add", "default", "via", n.gateway().toString()));
    }

    /** What {@link #inPlace} reads: the host end of the service's veth, and the routes inside its namespace. */
    public static List<Cmd> inspectService(String service) {
        return List.of(
                Cmd.of("ip", "-o", "link", "show", "dev", NetNames.hostVeth(service)),
                Cmd.of("ip", "-n", NetNames.netns(service), "-o", "route", "show"));
    }

    /**
     * Whether the outputs of {@link #inspectService} show {@code a} completely set up: the host end up and
     * on the network's bridge, and inside the namespace eth0 up with the service's address (the kernel keeps
     * the subnet route only while the address is on an up link) and the default route that {@link
     * #setUpService} adds last. Anything else (no namespace, a half-done attach, a link set down by hand)
     * is not in place, and attach sets everything up again.
     */
    public static boolean inPlace(Attachment a, Network n, String hostLink, String nsRoutes) {
        String link = hostLink.strip();
        boolean hostSide = link.contains(": " + NetNames.hostVeth(a.service()) + "@")
                && link.contains(",UP") && link.contains(" master " + n.bridge() + " ") && link.contains(" state UP ");
        boolean subnet = false;
        boolean gateway = false;
        for (String line : nsRoutes.split("\n")) {
            List<String> w = List.of(line.strip().split("\\s+"));
            if (w.contains("linkdown")) {
                continue;
            }
            String dev = "dev " + NetNames.SERVICE_IFACE;
            String l = String.join(" ", w);
            if (l.equals("default via " + n.gateway() + " " + dev)) {
                gateway = true;
            } else if (l.startsWith(n.subnet() + " " + dev + " ") && l.endsWith(" src " + a.ip())) {
                subnet = true;
            }
        }
        return hostSide && subnet && gateway;
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
