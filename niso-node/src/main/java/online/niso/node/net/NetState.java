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

    public List<Attachment> on(String network) {
        return attachments.stream().filter(a -> a.network().equals(network)).toList();
    }

    /** The network an attachment lives on; state guarantees it exists (foreign key). */
    public Network networkOf(Attachment a) {
        return network(a.network()).orElseThrow(() -> new IllegalStateException(
                "attachment " + a.service() + " names unknown network " + a.network()));
    }
}
