package online.niso.node.net;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkPolicy.CidrPeer;
import online.niso.common.model.NetworkPolicy.EgressRule;
import online.niso.common.model.NetworkPolicy.NetworkPeer;
import online.niso.common.model.NetworkPolicy.Peer;
import online.niso.common.model.PortMapping;

/**
 * Text forms of ports and policy entries, exactly as written in a manifest, so the state DB stores
 * what people read and re-parses it with the same parsers that validated it the first time.
 */
public final class PolicyCodec {
    private PolicyCodec() {}

    public static String peer(Peer p) {
        return p instanceof NetworkPeer n ? n.network() : ((CidrPeer) p).cidr().toString();
    }

    public static String egress(EgressRule r) {
        String dest = r.host().orElseGet(() -> r.cidr().orElseThrow().toString());
        return r.port().isPresent() ? dest + ":" + r.port().getAsInt() : dest;
    }

    static String joinPeers(List<Peer> peers) {
        return String.join("\n", peers.stream().map(PolicyCodec::peer).toList());
    }

    static String joinEgress(List<EgressRule> rules) {
        return String.join("\n", rules.stream().map(PolicyCodec::egress).toList());
    }

    static String joinPorts(List<PortMapping> ports) {
        return String.join("\n", ports.stream().map(PortMapping::toString).toList());
    }

    static <T> List<T> split(String text, Function<String, T> parse) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split("\n")).map(parse).toList();
    }

    static NetworkPolicy policy(String allowFrom, String denyFrom, String egressAllow, String egressDeny) {
        return new NetworkPolicy(split(allowFrom, Peer::parse), split(denyFrom, Peer::parse),
                split(egressAllow, EgressRule::parse), split(egressDeny, EgressRule::parse));
    }
}
