package online.niso.node.net;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the network layer knows, as one value read from the state DB: the input of every
 * pure decision (ruleset, hosts entries, restore plan). Both lists are sorted by name.
 */
public record NetState(List<Network> networks, List<Attachment> attachments) {
    public NetState {
        networks = networks.stream().sorted(Comparator.comparing(Network::name)).toList();
        attachments = attachments.stream().sorted(Comparator.comparing(Attachment::service)).toList();
    }

    public Optional<Network> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<Attachment> attachment(String service) {
        return attachments.stream().filter(a -> a.service().equals(service)).findFirst();
    }

    /** Every service with a link on {@code network}. */
    public List<Attachment> on(String network) {
        return attachments.stream().filter(a -> a.isOn(network)).toList();
    }

    /** The primary network of an attachment; state guarantees it exists (foreign key). */
    public Network networkOf(Attachment a) {
        return network(a.network()).orElseThrow(() -> new IllegalStateException(
                "attachment " + a.service() + " names unknown network " + a.network()));
    }

    /** Every network of an attachment, in its declared order (primary first). */
    public List<Network> networksOf(Attachment a) {
        return a.networks().stream().map(name -> network(name).orElseThrow(() -> new IllegalStateException(
                "attachment " + a.service() + " names unknown network " + name))).toList();
    }

    /** Addresses taken on {@code network} by services other than {@code except}. */
    public List<online.niso.common.model.IpAddress> taken(String network, String except) {
        return attachments.stream().filter(a -> !a.service().equals(except))
                .flatMap(a -> a.ipOn(network).stream()).toList();
    }
}
