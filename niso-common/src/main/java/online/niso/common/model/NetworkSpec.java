package online.niso.common.model;

import java.util.List;
import java.util.Optional;

/**
 * [network]. {@code network} is a network name ("default" for the built-in niso-default bridge);
 * {@code hostname} gives the DNS name {@code <hostname>.niso.local}.
 */
public record NetworkSpec(String network, List<PortMapping> ports, Optional<String> hostname, Optional<IpAddress> ip,
                          NetworkPolicy policy) {
    public static final NetworkSpec DEFAULT = new NetworkSpec(Names.DEFAULT_NETWORK, List.of(), Optional.empty(),
            Optional.empty(), NetworkPolicy.OPEN);

    public NetworkSpec {
        ports = List.copyOf(ports);
    }
}
