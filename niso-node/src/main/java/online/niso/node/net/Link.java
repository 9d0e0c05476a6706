package online.niso.node.net;

import java.util.Objects;
import online.niso.common.model.IpAddress;

/** One of a service's networks and its address there. */
public record Link(String network, IpAddress ip) {
    public Link {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ip, "ip");
    }

    // equals/hashCode written out, with the generated ones' meaning: a record's generated equals is an
    // invokedynamic whose first call spins method handles (~10-30 ms of a short niso run); this record is
    // compared on every version switch. RecordEqualityTest checks that every component is compared.
    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && network.equals(l.network) && ip.equals(l.ip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, ip);
    }
}
