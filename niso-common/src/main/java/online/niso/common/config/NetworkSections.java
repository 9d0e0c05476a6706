package online.niso.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.model.Cidr;
import online.niso.common.model.Durations;
import online.niso.common.model.HealthCheck;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.IpAddress;
import online.niso.common.model.Names;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkSpec;

/** manifest.toml [network] (+ policy, egress) and [healthcheck]. */
final class NetworkSections {
    private NetworkSections() {
    }

    static NetworkSpec network(TomlReader n) {
        String network = n.value("network", "a network name", Names::network).orElse(Names.DEFAULT_NETWORK);
        List<String> networks = List.of(network);
        // `networks` (several, the first is the primary) is the stack's key; `network` the docs' single one.
        Optional<List<String>> several = n.list("networks", "a network name",
                Names::network);
        if (several.isPresent()) {
            if (n.has("network")) {
                n.error("networks", "set either network or networks, not both");
            } else if (several.get().isEmpty()) {
                n.error("networks", "expected at least one network name, got an empty list");
            } else if (several.get().stream().distinct().count() != several.get().size()) {
                n.error("networks", "expected each network once, got " + several.get());
            } else {
                networks = several.get();
            }
        }
        var ports = CommonSections.ports(n, "ports");
        Optional<String> hostname = n.value("hostname", "a host name like api", Names::name);
        Optional<IpAddress> ip = n.value("ip", "an IP address like 10.99.1.10", IpAddress::parse);
        NetworkPolicy policy = n.table("policy").map(NetworkSections::policy).orElse(NetworkPolicy.OPEN);
        if (ip.isPresent() && networks.equals(List.of(Names.DEFAULT_NETWORK))) {
            staticIpInSubnet(n, ip.get(), StackParser.DEFAULT_SUBNET);
        }
        n.finish();
        return new NetworkSpec(networks, ports, hostname, ip, policy);
    }

    /**
     * A static IP must be a usable address of its network: not the network address, not .1 (the
     * bridge's gateway address) and not the broadcast address. Only the built-in network's subnet is
     * known here; StackValidator-level checks would need the stack's networks.
     */
    static void staticIpInSubnet(TomlReader n, IpAddress ip, Cidr subnet) {
        if (!subnet.contains(ip)) {
            n.error("ip", ip + " is outside the default network " + subnet + "; set network to the network it belongs to");
            return;
        }
        byte[] b = ip.bytes();
        int hostBits = (b.length * 8) - subnet.prefix();
        long host = 0;
        for (int i = 0; i < b.length; i++) {
            host = (host << 8) | (b[i] & 0xff);
        }
        long mask = hostBits >= 63 ? Long.MAX_VALUE : (1L << hostBits) - 1;
        long hostPart = host & mask;
        if (hostPart == 0 || hostPart == 1 || hostPart == mask) {
            n.error("ip", ip + " is reserved in " + subnet + " (network, gateway .1 or broadcast address); use a host address from .2 up"
                    );
        }
    }

    private static NetworkPolicy policy(TomlReader p) {
        String peer = "a network name or a CIDR like 10.0.0.0/8";
        var allowFrom = p.list("allow_from", peer, NetworkPolicy.Peer::parse).orElse(List.of());
        var denyFrom = p.list("deny_from", peer, NetworkPolicy.Peer::parse).orElse(List.of());
        List<NetworkPolicy.EgressRule> allow = List.of();
        List<NetworkPolicy.EgressRule> deny = List.of();
        Optional<TomlReader> egress = p.table("egress");
        if (egress.isPresent()) {
            TomlReader e = egress.get();
            String dest = "a destination like postgres.niso.local:5432";
            allow = e.list("allow", dest, NetworkPolicy.EgressRule::parse).orElse(List.of());
            deny = e.list("deny", dest, NetworkPolicy.EgressRule::parse).orElse(List.of());
            e.finish();
        }
        p.finish();
        return new NetworkPolicy(allowFrom, denyFrom, allow, deny);
    }

    static Optional<HealthCheck> healthCheck(TomlReader h) {
        List<String> probes = new ArrayList<>();
        HealthCheck.Probe probe = null;
        Optional<URI> http = h.value("http", "a URL like http://127.0.0.1:8080/health", NetworkSections::httpUrl);
        if (h.has("http")) {
            probes.add("http");
            probe = http.map(HealthCheck.Http::new).orElse(null);
        }
        if (h.has("tcp")) {
            probes.add("tcp");
            probe = tcp(h).orElse(null);
        }
        if (h.has("exec")) {
            probes.add("exec");
            Optional<List<String>> argv = h.strings("exec");
            if (argv.isPresent() && (argv.get().isEmpty() || argv.get().get(0).isBlank())) {
                h.error("exec", "expected a command as an array like [\"pg_isready\", \"-q\"], got an empty command");
            } else {
                probe = argv.map(HealthCheck.Exec::new).orElse(null);
            }
        }
        Duration interval = h.value("interval", ManifestParser.DURATION, Durations::parse).orElse(HealthCheck.DEFAULT_INTERVAL);
        Duration timeout = h.value("timeout", ManifestParser.DURATION, Durations::parse).orElse(HealthCheck.DEFAULT_TIMEOUT);
        int retries = h.integer("retries", 1, 100).map(Long::intValue).orElse(HealthCheck.DEFAULT_RETRIES);
        Duration start = h.value("start_period", ManifestParser.DURATION, Durations::parse)
                .orElse(HealthCheck.DEFAULT_START_PERIOD);
        if (interval.isZero()) {
            h.error("interval", "expected a duration greater than 0s, got \"0s\"");
        }
        if (timeout.isZero()) {
            h.error("timeout", "expected a duration greater than 0s, got \"0s\"");
        }
        if (timeout.compareTo(interval) > 0) {
            h.error("timeout", "timeout (" + Durations.format(timeout) + ") must not be longer than interval ("
                    + Durations.format(interval) + ")");
        }
        h.finish();
        if (probes.isEmpty()) {
            h.errorHere("expected exactly one probe: http, tcp or exec");
            return Optional.empty();
        }
        if (probes.size() > 1) {
            h.errorHere("expected exactly one probe, got " + String.join(" and ", probes));
            return Optional.empty();
        }
        return probe == null ? Optional.empty() : Optional.of(new HealthCheck(probe, interval, timeout, retries, start));
    }

    private static Optional<HealthCheck.Probe> tcp(TomlReader h) {
        Object v = h.raw("tcp");
        if (v instanceof Long port) {
            if (port < 1 || port > 65535) {
                h.error("tcp", "expected a port 1..65535 or host:port, got " + port);
                return Optional.empty();
            }
            return Optional.of(new HealthCheck.Tcp("127.0.0.1", port.intValue()));
        }
        return h.value("tcp", "a port like 5432 or an address like 127.0.0.1:5432", NetworkSections::tcpTarget);
    }

    private static HealthCheck.Probe tcpTarget(String s) {
        String expected = "a port like 5432 or an address like 127.0.0.1:5432";
        int colon = s.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : s.substring(0, colon);
        String portText = colon < 0 ? s : s.substring(colon + 1);
        int port = portText.matches("[0-9]{1,5}") ? Integer.parseInt(portText) : -1;
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw InvalidValueException.expected(expected, s);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            IpAddress.parse(host);
        } catch (InvalidValueException e) {
            if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
                throw InvalidValueException.expected(expected, s);
            }
        }
        return new HealthCheck.Tcp(host, port);
    }

    private static URI httpUrl(String s) {
        String expected = "a URL like http://127.0.0.1:8080/health";
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw InvalidValueException.expected(expected, s);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null || u.getRawUserInfo() != null || u.getPort() == 0 || u.getPort() > 65535) {
            throw InvalidValueException.expected(expected + " (http or https, with a host, no user:password)", s);
        }
        return u;
    }
}
