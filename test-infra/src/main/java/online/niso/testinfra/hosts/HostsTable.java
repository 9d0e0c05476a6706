package online.niso.testinfra.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import online.niso.common.error.UnexpectedStateException;

/** Parsers for the files {@code testhosts up} writes into an instance directory (pure). */
final class HostsTable {

    private static final Pattern NAME = Pattern.compile("th[1-9][0-9]*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

    private HostsTable() {}

    /** {@code hosts.tsv}: {@code name TAB ip TAB sshPort TAB user}, one host per line, in host order. */
    static List<HostInfo> parse(String tsv) {
        List<HostInfo> hosts = new ArrayList<>();
        String[] lines = tsv.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String where = "hosts.tsv line " + (i + 1) + ": ";
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new UnexpectedStateException(where + "expected 4 tab-separated fields, got " + f.length);
            }
            if (!NAME.matcher(f[0]).matches()) {
                throw new UnexpectedStateException(where + "expected a host name like th1, got \"" + f[0] + "\"");
            }
            if (!IPV4.matcher(f[1]).matches()) {
                throw new UnexpectedStateException(where + "expected an IPv4 address, got \"" + f[1] + "\"");
            }
            int port;
            try {
                port = Integer.parseInt(f[2]);
            } catch (NumberFormatException e) {
                throw new UnexpectedStateException(where + "expected a port number, got \"" + f[2] + "\"");
            }
            if (port < 1 || port > 65535) {
                throw new UnexpectedStateException(where + "port out of range: " + port);
            }
            if (f[3].isEmpty()) {
                throw new UnexpectedStateException(where + "empty user");
            }
            hosts.add(new HostInfo(f[0], f[1], port, f[3]));
        }
        if (hosts.isEmpty()) {
            throw new UnexpectedStateException("hosts.tsv lists no hosts");
        }
        return List.copyOf(hosts);
    }

    /** A {@code KEY=value} line of {@code instance.env} (written by {@code testhosts up}). */
    static Optional<String> envValue(String env, String key) {
        return env.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst();
    }

    /** The {@code known_hosts} line whose host patterns include {@code name}. */
    static Optional<String> knownHostsLine(String knownHosts, String name) {
        for (String line : knownHosts.split("\n")) {
            String[] parts = line.split(" ", 2);
            if (parts.length == 2 && List.of(parts[0].split(",")).contains(name)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
