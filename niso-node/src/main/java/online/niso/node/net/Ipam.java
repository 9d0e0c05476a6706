package online.niso.node.net;

import java.util.Collection;
import java.util.HashSet;
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
