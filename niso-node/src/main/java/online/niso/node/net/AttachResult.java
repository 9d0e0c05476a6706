package online.niso.node.net;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import online.niso.common.model.IpAddress;

/**
 * What activation needs after {@link NetworkService#attach}: the namespace for the unit's
 * {@code NetworkNamespacePath=}, the service's address, its own {@code /etc/hosts} entries and the
 * new entries of every service on the same network (their hosts files change when a member comes).
 */
public record AttachResult(String service, String network, Path netnsPath, IpAddress ip, List<String> hostsEntries,
        Map<String, List<String>> hostsUpdates) {
    public AttachResult {
        hostsEntries = List.copyOf(hostsEntries);
        hostsUpdates = Map.copyOf(hostsUpdates);
    }
}
