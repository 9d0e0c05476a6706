package online.niso.node.net;

import java.util.List;

/**
 * Everything niso puts into nftables: the host's {@code inet niso} table (port publishing and
 * masquerade) and one {@code inet niso} table inside each service's network namespace (its ingress
 * and egress policy). Policy lives in the service's namespace because traffic between two services
 * on one bridge is switched at layer 2 and never reaches the host's inet hooks (that would need
 * br_netfilter, a machine-wide module niso must not load); inside the namespace every packet the
 * service sends or receives passes the input/output hooks, with conntrack.
 */
public record Ruleset(NftTable host, List<ServiceTable> services) {
    public Ruleset {
        services = List.copyOf(services);
    }

    public record ServiceTable(String service, NftTable table) {}
}
