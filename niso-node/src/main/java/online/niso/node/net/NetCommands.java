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

    /**
     * The service's MAC, derived from its address (02:42 + the IPv4 bytes, locally administered, as Docker
     * does). A re-attached service (every activation re-creates its namespace) keeps its address; with a
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
