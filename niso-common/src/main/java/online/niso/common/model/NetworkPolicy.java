package online.niso.common.model;

import java.util.List;
import java.util.OptionalInt;

/**
 * [network.policy] and [network.policy.egress]. Empty allow lists mean "no restriction"; deny
 * entries always win over allow entries.
 */
public record NetworkPolicy(List<Peer> allowFrom, List<Peer> denyFrom, List<EgressRule> egressAllow,
                            List<EgressRule> egressDeny) {
    public static final NetworkPolicy OPEN = new NetworkPolicy(List.of(), List.of(), List.of(), List.of());

    public NetworkPolicy {
        allowFrom = List.copyOf(allowFrom);
        denyFrom = List.copyOf(denyFrom);
        egressAllow = List.copyOf(egressAllow);
        egressDeny = List.copyOf(egressDeny);
    }

    // equals/hashCode written out, with the generated ones' meaning: a record's generated equals is an
    // invokedynamic whose first call spins method handles (~10-30 ms of a short niso run); this record is
    // compared on every version switch. RecordEqualityTest checks that every component is compared.
    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkPolicy p && allowFrom.equals(p.allowFrom) && denyFrom.equals(p.denyFrom)
                && egressAllow.equals(p.egressAllow) && egressDeny.equals(p.egressDeny);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(allowFrom, denyFrom, egressAllow, egressDeny);
    }

    /** An ingress peer: a network by name, or a CIDR. */
    public sealed interface Peer permits NetworkPeer, CidrPeer {
        static Peer parse(String text) {
            if (text.contains("/")) {
                return new CidrPeer(Cidr.parse(text));
            }
            try {
                return new NetworkPeer(Names.network(text));
            } catch (InvalidValueException e) {
                throw InvalidValueException.expected("a network name or a CIDR like 10.0.0.0/8", text);
            }
        }
    }

    /** equals/hashCode written out as in {@link NetworkPolicy}. */
    public record NetworkPeer(String network) implements Peer {
        @Override
        public boolean equals(Object o) {
            return o instanceof NetworkPeer p && network.equals(p.network);
        }

        @Override
        public int hashCode() {
            return network.hashCode();
        }
    }

    /** equals/hashCode written out as in {@link NetworkPolicy}. */
    public record CidrPeer(Cidr cidr) implements Peer {
        @Override
        public boolean equals(Object o) {
            return o instanceof CidrPeer p && cidr.equals(p.cidr);
        }

        @Override
        public int hashCode() {
            return cidr.hashCode();
        }
    }

    /**
     * An egress destination: "postgres.niso.local:5432", "0.0.0.0/0:443", "10.0.0.0/8" (any port).
     * Exactly one of host and cidr is present.
     */
    public record EgressRule(java.util.Optional<String> host, java.util.Optional<Cidr> cidr, OptionalInt port) {
        private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(
                "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
        private static final String EXPECTED = "a destination like postgres.niso.local:5432 or 0.0.0.0/0:443";

        // equals/hashCode written out as in NetworkPolicy.
        @Override
        public boolean equals(Object o) {
            return o instanceof EgressRule r && host.equals(r.host) && cidr.equals(r.cidr) && port.equals(r.port);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(host, cidr, port);
        }

        public static EgressRule parse(String text) {
            String dest = text;
            OptionalInt port = OptionalInt.empty();
            int colon = text.lastIndexOf(':');
            if (colon >= 0) {
                String p = text.substring(colon + 1);
                int n = p.matches("[0-9]{1,5}") ? Integer.parseInt(p) : -1;
                if (n < 1 || n > 65535) {
                    throw InvalidValueException.expected(EXPECTED + " (ports are 1..65535)", text);
                }
                port = OptionalInt.of(n);
                dest = text.substring(0, colon);
            }
            try {
                if (dest.contains("/")) {
                    return new EgressRule(java.util.Optional.empty(), java.util.Optional.of(Cidr.parse(dest)), port);
                }
            } catch (InvalidValueException e) {
                throw InvalidValueException.expected(EXPECTED, text);
            }
            if (dest.length() > 253 || !HOST.matcher(dest).matches()) {
                throw InvalidValueException.expected(EXPECTED, text);
            }
            if (dest.matches("[0-9.]+")) {
                IpAddress ip = IpAddress.parse(dest);
                return new EgressRule(java.util.Optional.empty(), java.util.Optional.of(new Cidr(ip, 32)), port);
            }
            return new EgressRule(java.util.Optional.of(dest), java.util.Optional.empty(), port);
        }
    }
}
