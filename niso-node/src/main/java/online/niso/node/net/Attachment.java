package online.niso.node.net;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.PortMapping;

/**
 * A service's place on its networks, as kept in the state DB: one {@link Link} (network + address) per
 * network in the order declared, the first being the primary (default route, target of the published ports,
 * interface eth0; the n-th link is eth{n-1}); its published ports (sorted, so everything rendered from them is
 * deterministic), an optional DNS alias ({@code <hostname>.niso.local} in addition to
 * {@code <service>.niso.local}) and its policy.
 */
public record Attachment(String service, List<Link> links, List<PortMapping> ports, Optional<String> hostname,
        NetworkPolicy policy) {

    public Attachment {
        Objects.requireNonNull(service, "service");
        links = List.copyOf(links);
        if (links.isEmpty()) {
            throw new IllegalArgumentException("attachment " + service + " has no network");
        }
        if (links.stream().map(Link::network).distinct().count() != links.size()) {
            throw new IllegalArgumentException("attachment " + service + " lists a network twice: " + links);
        }
        ports = ports.stream().sorted().distinct().toList();
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(policy, "policy");
    }

    // equals/hashCode written out, with the generated ones' meaning: a record's generated equals is an
    // invokedynamic whose first call spins method handles (~10-30 ms of a short niso run); this record is
    // compared on every version switch. RecordEqualityTest checks that every component is compared.
    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && service.equals(a.service) && links.equals(a.links)
                && ports.equals(a.ports) && hostname.equals(a.hostname) && policy.equals(a.policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, links, ports, hostname, policy);
    }

    /** A service on one network. */
    public Attachment(String service, String network, IpAddress ip, List<PortMapping> ports,
            Optional<String> hostname, NetworkPolicy policy) {
        this(service, List.of(new Link(network, ip)), ports, hostname, policy);
    }

    /** The primary network. */
    public String network() {
        return links.get(0).network();
    }

    /** The address on the primary network: where published ports are forwarded to. */
    public IpAddress ip() {
        return links.get(0).ip();
    }

    /** Network names in declared order, primary first. */
    public List<String> networks() {
        return links.stream().map(Link::network).toList();
    }

    public boolean isOn(String network) {
        return links.stream().anyMatch(l -> l.network().equals(network));
    }

    public Optional<IpAddress> ipOn(String network) {
        return links.stream().filter(l -> l.network().equals(network)).map(Link::ip).findFirst();
    }

    public Attachment withPorts(List<PortMapping> newPorts) {
        return new Attachment(service, links, newPorts, hostname, policy);
    }

    /** The names other services use for this one, sorted. */
    public List<String> dnsNames() {
        var names = new java.util.TreeSet<String>();
        names.add(service + NetNames.DNS_SUFFIX);
        hostname.ifPresent(h -> names.add(h + NetNames.DNS_SUFFIX));
        return List.copyOf(names);
    }
}
