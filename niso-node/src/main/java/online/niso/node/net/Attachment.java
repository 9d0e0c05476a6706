package online.niso.node.net;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.PortMapping;

/**
 * A service's place on a network, as kept in the state DB: its address, its published ports
 * (sorted, so everything rendered from them is deterministic), an optional DNS alias
 * ({@code <hostname>.niso.local} in addition to {@code <service>.niso.local}) and its policy.
 */
public record Attachment(String service, String network, IpAddress ip, List<PortMapping> ports,
        Optional<String> hostname, NetworkPolicy policy) {

    public Attachment {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ip, "ip");
        ports = ports.stream().sorted().distinct().toList();
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(policy, "policy");
    }

    public Attachment withPorts(List<PortMapping> newPorts) {
        return new Attachment(service, network, ip, newPorts, hostname, policy);
    }

    /** The names other services use for this one, sorted. */
    public List<String> dnsNames() {
        var names = new java.util.TreeSet<String>();
        names.add(service + NetNames.DNS_SUFFIX);
        hostname.ifPresent(h -> names.add(h + NetNames.DNS_SUFFIX));
        return List.copyOf(names);
    }
}
