package online.niso.node.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.model.Cidr;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkPolicy.CidrPeer;
import online.niso.common.model.NetworkPolicy.EgressRule;
import online.niso.common.model.NetworkPolicy.NetworkPeer;
import online.niso.common.model.NetworkPolicy.Peer;
import online.niso.common.model.PortMapping;

/**
 * Renders every nftables table niso owns from the network state. Pure and deterministic: the
 * state is sorted, and nothing else (clock, host, kernel) is consulted.
 *
 * <p>Names in policies are resolved from state only: a network name becomes its subnet,
 * {@code <name>.niso.local} the address of the service (or hostname alias) called so. Anything
 * that does not resolve (a network or service that does not exist yet, a name outside
 * {@code .niso.local}) produces no rule, so an unresolved allow entry allows nothing and an
 * unresolved deny entry denies nothing; the rules are re-rendered whenever state changes.
 */
public final class RulesetGenerator {
    public static final String FAMILY = "inet";
    public static final String TABLE = "niso";
    private static final String REJECT_V4 = "reject with icmp port-unreachable";
    private static final String REJECT_V6 = "reject with icmpv6 port-unreachable";

    public Ruleset generate(NetState state) {
        List<Ruleset.ServiceTable> services = new ArrayList<>();
        for (Attachment a : state.attachments()) {
            services.add(new Ruleset.ServiceTable(a.service(), serviceTable(state, a)));
        }
        return new Ruleset(hostTable(state), services);
    }

    /**
     * Port publishing (DNAT, always to the service's address on its primary network) and masquerading, in the
     * host's own network namespace.
     */
    public NftTable hostTable(NetState state) {
        List<String> dnat = new ArrayList<>();
        for (Attachment a : state.attachments()) {
            for (PortMapping p : a.ports()) {
                if (p.bindAddress().isPresent() && !p.bindAddress().get().isV4()) {
                    continue; // services have IPv4 addresses only; PortForwards.check refuses these up front
                }
                String match = p.bindAddress().map(ip -> "ip daddr " + ip).orElse("fib daddr type local");
                dnat.add(match + " " + p.protocol().configName() + " dport " + p.hostPort()
                        + " dnat ip to " + a.ip() + ":" + p.containerPort());
            }
        }
        List<String> snat = new ArrayList<>();
        for (Network n : state.networks()) {
            if (state.on(n.name()).isEmpty()) {
                continue; // nothing to masquerade for: an unused network leaves no rule behind
            }
            String subnet = NftAddr.cidr(n.subnet());
            // Leaving for the world (not another niso bridge: there the source address is what policy matches).
            snat.add("ip saddr " + subnet + " oifname != \"niso-*\" masquerade");
            // The host itself connecting to 127.0.0.1:PORT (needs route_localnet on the bridge).
            snat.add("ip saddr 127.0.0.0/8 oifname \"" + n.bridge() + "\" masquerade");
            // Hairpin: a service reaching a published port of its own network through the host's address.
            snat.add("ip saddr " + subnet + " ip daddr " + subnet + " ct status dnat masquerade");
        }
        for (Attachment a : state.attachments()) {
            if (a.ports().isEmpty()) {
                continue;
            }
            // Hairpin across networks: ports go to the primary address, but a client on one of the service's
            // other networks gets the reply straight over that network's bridge (its subnet is on-link in
            // the service's namespace), bypassing the host's reverse NAT. Masquerading makes the reply come
            // back through the host.
            for (Link l : a.links().subList(1, a.links().size())) {
                snat.add("ip saddr " + NftAddr.cidr(state.network(l.network()).orElseThrow().subnet()) + " ip daddr "
                        + a.ip() + " ct status dnat masquerade");
            }
        }
        return new NftTable(FAMILY, TABLE, List.of(
                new NftTable.Chain("prerouting", "nat", "prerouting", "dstnat", dnat),
                // nft accepts the name dstnat only for prerouting; -100 is the same priority.
                new NftTable.Chain("output", "nat", "output", "-100", dnat),
                new NftTable.Chain("postrouting", "nat", "postrouting", "srcnat", snat)));
    }

    /** Ingress and egress policy, loaded into the service's own network namespace. */
    public NftTable serviceTable(NetState state, Attachment a) {
        return new NftTable(FAMILY, TABLE, List.of(
                new NftTable.Chain("ingress", "filter", "input", "filter", ingress(state, a)),
                new NftTable.Chain("egress", "filter", "output", "filter", egress(state, a))));
    }

    private List<String> ingress(NetState state, Attachment a) {
        NetworkPolicy policy = a.policy();
        List<String> rules = new ArrayList<>(List.of(
                "ct state established,related accept", "ct state invalid drop", "iifname \"lo\" accept"));
        for (Peer p : policy.denyFrom()) {
            resolve(state, p).ifPresent(c -> rules.add(saddr(c) + " drop"));
        }
        if (policy.allowFrom().isEmpty()) {
            // Networks are isolated from each other by default; everything else (its own networks,
            // the host, clients of published ports) may connect.
            for (Network other : state.networks()) {
                if (!a.isOn(other.name())) {
                    rules.add(saddr(other.subnet()) + " drop");
                }
            }
        } else {
            for (Network own : state.networksOf(a)) {
                rules.add(saddr(own.subnet()) + " accept");
            }
            for (Peer p : policy.allowFrom()) {
                resolve(state, p).ifPresent(c -> rules.add(saddr(c) + " accept"));
            }
            rules.add("drop");
        }
        return rules;
    }

    private List<String> egress(NetState state, Attachment a) {
        NetworkPolicy policy = a.policy();
        List<String> rules = new ArrayList<>(List.of("ct state established,related accept", "oifname \"lo\" accept"));
        for (EgressRule r : policy.egressDeny()) {
            destinations(state, r).forEach(d -> rules.add(d + " " + reject(r)));
        }
        if (!policy.egressAllow().isEmpty()) {
            for (EgressRule r : policy.egressAllow()) {
                destinations(state, r).forEach(d -> rules.add(d + " accept"));
            }
            rules.add("reject");
        }
        return rules;
    }

    private static String saddr(Cidr c) {
        return NftAddr.family(c.address()) + " saddr " + NftAddr.cidr(c);
    }

    private static String reject(EgressRule r) {
        return r.cidr().map(c -> c.address().isV4()).orElse(true) ? REJECT_V4 : REJECT_V6;
    }

    private static Optional<Cidr> resolve(NetState state, Peer p) {
        if (p instanceof CidrPeer c) {
            return Optional.of(c.cidr());
        }
        return state.network(((NetworkPeer) p).network()).map(Network::subnet);
    }

    /**
     * "ip daddr X", or with a port one match per protocol ("ip daddr X tcp dport P", "... udp dport P");
     * none when the host does not resolve. Not "meta l4proto { tcp, udp }": nft prints that set from
     * /etc/protocols, which minimal hosts lack (it then lists "{ 6, 17 }"), and the live listing must
     * equal the rendered text everywhere.
     */
    private static List<String> destinations(NetState state, EgressRule r) {
        List<Cidr> dests = r.cidr().isPresent() ? List.of(r.cidr().get()) : resolveHost(state, r.host().orElseThrow());
        List<String> out = new ArrayList<>();
        for (Cidr dest : dests) {
            String match = NftAddr.family(dest.address()) + " daddr " + NftAddr.cidr(dest);
            if (r.port().isEmpty()) {
                out.add(match);
            } else {
                int port = r.port().getAsInt();
                out.add(match + " tcp dport " + port);
                out.add(match + " udp dport " + port);
            }
        }
        return out;
    }

    /**
     * Every address of the service (or hostname alias) {@code host} names, in its networks' declared order: a
     * service on several networks is reached at whichever address a peer's hosts file gives, so an egress rule
     * about it must cover all of them.
     */
    static List<Cidr> resolveHost(NetState state, String host) {
        if (!host.endsWith(NetNames.DNS_SUFFIX)) {
            return List.of();
        }
        String name = host.substring(0, host.length() - NetNames.DNS_SUFFIX.length());
        return state.attachments().stream()
                .filter(x -> x.service().equals(name) || x.hostname().map(name::equals).orElse(false))
                .findFirst()
                .map(x -> x.links().stream().map(l -> new Cidr(l.ip(), 32)).toList())
                .orElse(List.of());
    }
}
