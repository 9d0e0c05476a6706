package online.niso.common.model;

import java.util.List;
import java.util.Optional;

/**
 * [network]. {@code networks} are network names ("default" for the built-in niso-default bridge), at least one,
 * no duplicates, in the order given: the first is the service's primary network (its default route and the
 * address its published ports are forwarded to), the others only add an interface and an address each.
 * {@code hostname} gives the DNS name {@code <hostname>.niso.local}; a static {@code ip} is used on the one of
 * the networks whose subnet contains it.
 */
public record NetworkSpec(List<String> networks, List<PortMapping> ports, Optional<String> hostname,
                          Optional<IpAddress> ip, NetworkPolicy policy) {
    public static final NetworkSpec DEFAULT = new NetworkSpec(Names.DEFAULT_NETWORK, List.of(), Optional.empty(),
            Optional.empty(), NetworkPolicy.OPEN);

    public NetworkSpec {
        networks = List.copyOf(networks);
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("a service joins at least one network");
        }
        if (networks.stream().distinct().count() != networks.size()) {
            throw new IllegalArgumentException("networks listed twice: " + networks);
        }
        ports = List.copyOf(ports);
    }

    /** One network: what most services have. */
    public NetworkSpec(String network, List<PortMapping> ports, Optional<String> hostname, Optional<IpAddress> ip,
            NetworkPolicy policy) {
        this(List.of(network), ports, hostname, ip, policy);
    }

    /** The primary network: the first listed. */
    public String network() {
        return networks.get(0);
    }
}
