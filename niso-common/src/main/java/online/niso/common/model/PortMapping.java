package online.niso.common.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A published port: "8080:8080", "9090:9090/tcp", "53:53/udp", "0.0.0.0:443:443",
 * "[::1]:8443:443". No bind address means all addresses.
 */
public record PortMapping(Optional<IpAddress> bindAddress, int hostPort, int containerPort, Protocol protocol)
        implements Comparable<PortMapping> {
    private static final Pattern FORM = Pattern.compile(
            "(?:(\\[[0-9a-fA-F:.]+\\]|[0-9.]+):)?([0-9]{1,5}):([0-9]{1,5})(?:/([a-z]+))?");
    private static final String EXPECTED = "a port mapping like 8080:8080, 53:53/udp or 0.0.0.0:443:443";

    public PortMapping {
        checkPort(hostPort);
        checkPort(containerPort);
        if (bindAddress.isPresent() && bindAddress.get().isUnspecified()) {
            bindAddress = Optional.empty(); // 0.0.0.0 and :: mean "all addresses": one spelling only
        }
    }

    // equals/hashCode written out, with the generated ones' meaning: a record's generated equals is an
    // invokedynamic whose first call spins method handles (~10-30 ms of a short niso run); this record is
    // compared on every version switch. RecordEqualityTest checks that every component is compared.
    @Override
    public boolean equals(Object o) {
        return o instanceof PortMapping p && bindAddress.equals(p.bindAddress) && hostPort == p.hostPort
                && containerPort == p.containerPort && protocol == p.protocol;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(bindAddress, hostPort, containerPort, protocol);
    }

    private static void checkPort(int p) {
        if (p < 1 || p > 65535) {
            throw new InvalidValueException("ports are 1..65535, got " + p);
        }
    }

    public static PortMapping parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw InvalidValueException.expected(EXPECTED, text);
        }
        Optional<IpAddress> bind = Optional.empty();
        if (m.group(1) != null) {
            String ip = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            try {
                bind = Optional.of(IpAddress.parse(ip));
            } catch (InvalidValueException e) {
                throw InvalidValueException.expected(EXPECTED + " (bad bind address)", text);
            }
        }
        int host = Integer.parseInt(m.group(2));
        int container = Integer.parseInt(m.group(3));
        if (host < 1 || host > 65535 || container < 1 || container > 65535) {
            throw InvalidValueException.expected(EXPECTED + " (ports are 1..65535)", text);
        }
        Protocol proto = Protocol.TCP;
        if (m.group(4) != null) {
            try {
                proto = ConfigEnum.parse(Protocol.class, m.group(4), "a protocol");
            } catch (InvalidValueException e) {
                throw InvalidValueException.expected(EXPECTED + " (protocol tcp or udp)", text);
            }
        }
        return new PortMapping(bind, host, container, proto);
    }

    /** True when both would claim the same host socket (all-addresses clashes with any address). */
    public boolean clashesWith(PortMapping o) {
        return hostPort == o.hostPort && protocol == o.protocol
                && (bindAddress.isEmpty() || o.bindAddress.isEmpty() || bindAddress.equals(o.bindAddress));
    }

    @Override
    public int compareTo(PortMapping o) {
        return toString().compareTo(o.toString());
    }

    /** Canonical form: explicit protocol, bind address only when specific. */
    @Override
    public String toString() {
        String bind = bindAddress.map(ip -> ip.isV4() ? ip + ":" : "[" + ip + "]:").orElse("");
        return bind + hostPort + ":" + containerPort + "/" + protocol.configName();
    }
}
