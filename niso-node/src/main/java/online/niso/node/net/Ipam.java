package online.niso.node.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;

/**
 * Address allocation, pure: the caller passes the addresses already taken (read in the same
 * state-DB transaction that will record the result, which is what prevents duplicates after a crash
 * or with a concurrent activation) and gets the lowest free address from .2, or the requested
 * static one after checking it.
 */
public final class Ipam {
    private Ipam() {}

    public static IpAddress allocate(Network network, Collection<IpAddress> taken, Optional<IpAddress> requested) {
        Set<IpAddress> used = new HashSet<>(taken);
        Cidr subnet = network.subnet();
        long size = 1L << (32 - subnet.prefix());
        if (requested.isPresent()) {
            IpAddress ip = requested.get();
            long index = indexOf(subnet, ip);
            if (index < 0) {
                throw new InvalidInputException("static ip " + ip + " is not inside network "
                        + network.displayName() + " (" + subnet + ")");
            }
            if (index < 2 || index == size - 1) {
                throw new InvalidInputException("static ip " + ip + " is reserved in network " + network.displayName()
                        + " (.0 is the network, " + network.gateway() + " the gateway, the last the broadcast)");
            }
            if (used.contains(ip)) {
                throw new InvalidInputException("static ip " + ip + " is already used in network "
                        + network.displayName());
            }
            return ip;
        }
        for (long i = 2; i < size - 1; i++) {
            IpAddress candidate = offset(subnet, i);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        throw new UnexpectedStateException("network " + network.displayName() + " (" + subnet
                + ") has no free address left");
    }

    /**
     * A service's links to {@code networks} (in that order): on a network it already had, its address there is
     * kept (addresses are stable across re-activations, and a peer's ARP cache stays right); on a new one, the
     * lowest free address. A static {@code requested} address goes to the network whose subnet contains it
     * (networks do not overlap, so there is at most one); with one network it must be inside that one.
     */
    public static List<Link> links(NetState state, String service, List<Network> networks,
            Optional<IpAddress> requested, Optional<Attachment> old) {
        Optional<String> staticOn = requested.map(ip -> staticNetwork(networks, ip));
        List<Link> out = new ArrayList<>();
        for (Network n : networks) {
            Optional<IpAddress> wanted = staticOn.filter(n.name()::equals).flatMap(x -> requested);
            Optional<IpAddress> had = old.flatMap(o -> o.ipOn(n.name()));
            IpAddress ip = had.isPresent() && wanted.map(had.get()::equals).orElse(true) ? had.get()
                    : allocate(n, state.taken(n.name(), service), wanted);
            out.add(new Link(n.name(), ip));
        }
        return out;
    }

    private static String staticNetwork(List<Network> networks, IpAddress ip) {
        if (networks.size() == 1) {
            return networks.get(0).name(); // allocate() explains what is wrong with the address, if anything
        }
        return networks.stream().filter(n -> n.subnet().contains(ip)).map(Network::name).findFirst()
                .orElseThrow(() -> new InvalidInputException("static ip " + ip + " is inside none of the networks "
                        + String.join(", ", networks.stream().map(n -> n.displayName() + " (" + n.subnet() + ")")
                                .toList())));
    }

    /** The address {@code index} places after the network address. */
    static IpAddress offset(Cidr subnet, long index) {
        long base = toLong(subnet.networkAddress());
        long v = base + index;
        return new IpAddress(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }

    /** Position of ip inside the subnet, or -1 when outside. */
    static long indexOf(Cidr subnet, IpAddress ip) {
        if (!ip.isV4() || !subnet.contains(ip)) {
            return -1;
        }
        return toLong(ip) - toLong(subnet.networkAddress());
    }

    private static long toLong(IpAddress ip) {
        byte[] b = ip.bytes();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }
}
