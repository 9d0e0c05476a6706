package online.niso.node.net;

import java.util.Objects;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.Names;

/**
 * A niso network: an IPv4 subnet on the Linux bridge {@code niso-<name>}, whose first host address
 * (.1) is the bridge's own address and the services' default gateway.
 */
public record Network(String name, Cidr subnet) {
    /** The built-in network every service joins unless it names another. */
    public static final Network DEFAULT = new Network(Names.DEFAULT_NETWORK, Cidr.parse("10.99.0.0/24"));

    public Network {
        Objects.requireNonNull(subnet, "subnet");
        try {
            name = Names.network(name);
        } catch (InvalidValueException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (!subnet.address().isV4()) {
            throw new InvalidInputException("network " + name + ": only IPv4 subnets are supported, got " + subnet);
        }
        if (subnet.prefix() > 29) {
            // .0 network, .1 gateway, broadcast: a /30 leaves one service, smaller leaves none.
            throw new InvalidInputException("network " + name + ": subnet " + subnet
                    + " is too small; use a prefix of at most /29 (e.g. /24)");
        }
    }

    public String bridge() {
        return Names.bridgeOf(name);
    }

    public IpAddress gateway() {
        return Ipam.offset(subnet, 1);
    }

    /** The name users type: {@code niso-default} for the default network, the plain name otherwise. */
    public String displayName() {
        return name.equals(Names.DEFAULT_NETWORK) ? Names.DEFAULT_NETWORK_BRIDGE : name;
    }
}
