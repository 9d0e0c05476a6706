package online.niso.node.net;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import online.niso.common.model.IpAddress;

/**
 * What activation needs after {@link NetworkService#attach}: the namespace for the unit's
 * {@code NetworkNamespacePath=}, the service's address on each of its networks (primary first), its own
 * {@code /etc/hosts} entries and the new entries of every service sharing a network with it (their hosts
 * files change when a member comes).
 */
public record AttachResult(String service, List<Link> links, Path netnsPath, List<String> hostsEntries,
        Map<String, List<String>> hostsUpdates) {
    public AttachResult {
        links = List.copyOf(links);
        hostsEntries = List.copyOf(hostsEntries);
        hostsUpdates = Map.copyOf(hostsUpdates);
    }

    /** A service on one network. */
    public AttachResult(String service, String network, Path netnsPath, IpAddress ip, List<String> hostsEntries,
            Map<String, List<String>> hostsUpdates) {
        this(service, List.of(new Link(network, ip)), netnsPath, hostsEntries, hostsUpdates);
    }

    /** The primary network. */
    public String network() {
        return links.get(0).network();
    }

    /** The address on the primary network. */
    public IpAddress ip() {
        return links.get(0).ip();
    }
}
