package online.niso.node.net;

import java.nio.file.Path;
import online.niso.common.hash.Sha256;

/** Names of the kernel objects niso creates for a service, derived only from the service name. */
public final class NetNames {
    public static final String DNS_SUFFIX = ".niso.local";
    /** Inside the service's namespace its end of the veth pair to its primary network is always eth0. */
    public static final String SERVICE_IFACE = "eth0";

    private NetNames() {}

    /** {@code niso-<service>}: the name for {@code ip netns}, file /run/netns/niso-<service>. */
    public static String netns(String service) {
        return "niso-" + service;
    }

    public static Path netnsPath(String service) {
        return Path.of("/run/netns", netns(service));
    }

    /**
     * The host end of the service's veth. Interface names have at most 15 characters and service
     * names up to 63, so the name is a short hash: {@code nisov} + 10 hex digits (stable, unique
     * enough for the few hundred services of one host; a clash fails loudly at `ip link add`).
     */
    public static String hostVeth(String service) {
        return hash(service);
    }

    /**
     * The host end of the veth to the service's {@code index}-th network (0 = primary). The primary keeps
     * {@link #hostVeth(String)}'s name, so hosts set up by a niso that knew one network per service keep
     * their veths (and the re-activation fast path) after an upgrade; service names never contain '/'.
     */
    public static String hostVeth(String service, int index) {
        return index == 0 ? hostVeth(service) : hash(service + "/" + index);
    }

    /** The service's end of the veth to its {@code index}-th network, inside its namespace: eth0, eth1, ... */
    public static String serviceIface(int index) {
        return "eth" + index;
    }

    private static String hash(String text) {
        return "nisov" + Sha256.hex(text).substring(0, 10);
    }
}
