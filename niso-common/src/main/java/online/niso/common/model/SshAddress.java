package online.niso.common.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "ssh://deploy@10.0.1.10:2222"; user and port are optional (port defaults to 22). */
public record SshAddress(Optional<String> user, String host, int port) {
    private static final Pattern FORM = Pattern.compile("ssh://(?:([a-z_][a-z0-9_-]{0,31})@)?(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?");
    private static final Pattern HOSTNAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final String EXPECTED = "an address like ssh://deploy@10.0.1.10 or ssh://deploy@web-1.example.com:2222";

    public SshAddress {
        if (port < 1 || port > 65535) {
            throw new InvalidValueException("ports are 1..65535, got " + port);
        }
    }

    public static SshAddress parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw InvalidValueException.expected(EXPECTED, text);
        }
        String host = m.group(2);
        if (host.startsWith("[")) {
            try {
                IpAddress ip = IpAddress.parse(host.substring(1, host.length() - 1));
                if (ip.isV4()) {
                    throw InvalidValueException.expected(EXPECTED, text);
                }
            } catch (InvalidValueException e) {
                throw InvalidValueException.expected(EXPECTED + " (bad IPv6 address)", text);
            }
        } else if (host.matches("[0-9.]+")) {
            try {
                IpAddress.parse(host);
            } catch (InvalidValueException e) {
                throw InvalidValueException.expected(EXPECTED + " (bad IPv4 address)", text);
            }
        } else if (host.length() > 253 || !HOSTNAME.matcher(host).matches()) {
            throw InvalidValueException.expected(EXPECTED + " (bad host name)", text);
        }
        int port = m.group(3) == null ? 22 : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw InvalidValueException.expected(EXPECTED + " (ports are 1..65535)", text);
        }
        return new SshAddress(Optional.ofNullable(m.group(1)), host, port);
    }

    public SshAddress withDefaultUser(String defaultUser) {
        return user.isPresent() ? this : new SshAddress(Optional.of(defaultUser), host, port);
    }

    /** host:port, the identity used to detect two hosts pointing at the same machine. */
    public String endpoint() {
        return host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    @Override
    public String toString() {
        return "ssh://" + user.map(u -> u + "@").orElse("") + host + (port == 22 ? "" : ":" + port);
    }
}
