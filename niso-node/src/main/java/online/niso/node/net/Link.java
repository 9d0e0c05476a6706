package online.niso.node.net;

import java.util.Objects;
import online.niso.common.model.IpAddress;

/** One of a service's networks and its address there. */
public record Link(String network, IpAddress ip) {
    public Link {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ip, "ip");
    }
}
