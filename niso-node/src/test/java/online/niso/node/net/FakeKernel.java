package online.niso.node.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.ProcessRunner;

/**
 * A {@link ProcessRunner} that models just enough of {@code ip}: links (bridges, veth pairs whose
 * ends may sit in a namespace) and named namespaces, failing where the kernel would (adding what
 * exists, deleting what does not). Records every command. Also the fake {@link Nft}, whose tables
 * exist only in namespaces that exist. Thread-safe, so concurrent "processes" can share one kernel.
 */
final class FakeKernel implements ProcessRunner, Nft {
    /** Links by name; namespaced ends as "ns/iface". Value: the peer's name, or "" for a bridge. */
    final Map<String, String> links = new HashMap<>();
    final TreeSet<String> namespaces = new TreeSet<>();
    final Map<String, String> tables = new HashMap<>(); // "" = host namespace
    final List<Cmd> commands = new ArrayList<>();
    /**
     * Host links set up, and their bridge; per "ns/ethN": its address (ip/prefix) and whether it is up; per
     * namespace its default gateway.
     */
    final java.util.Set<String> up = new java.util.HashSet<>();
    final Map<String, String> masters = new HashMap<>();
    final Map<String, String> nsAddress = new HashMap<>();
    final java.util.Set<String> nsUp = new java.util.HashSet<>();
    final Map<String, String> nsGateway = new HashMap<>();
    private Predicate<Cmd> failing = c -> false;

    void failWhen(Predicate<Cmd> p) {
        failing = p;
    }

    @Override
    public synchronized CmdResult run(Cmd cmd, byte[] stdin, Duration timeout) {
        commands.add(cmd);
        if (failing.test(cmd)) {
            return new CmdResult(cmd, 2, "", "injected failure");
        }
        List<String> a = cmd.argv();
        CmdResult modelled = addressesAndRoutes(cmd, a);
        if (modelled != null) {
            return modelled;
        }
        String ns = "";
        if (a.size() > 2 && a.get(1).equals("-n")) {
            ns = a.get(2) + "/";
            a = a.subList(2, a.size());
            if (!namespaces.contains(ns.substring(0, ns.length() - 1))) {
                return fail(cmd);
            }
        }
        if (!a.get(0).equals("ip")) {
            return ok(cmd);
        }
        String verb = a.get(1) + " " + a.get(2);
        switch (verb) {
            case "link show":
                return links.containsKey(a.get(4)) ? ok(cmd) : fail(cmd);
            case "link add": {
                String name = ns + a.get(3);
                if (links.containsKey(name)) {
                    return fail(cmd);
                }
                if (a.get(5).equals("bridge")) {
                    links.put(name, "");
                } else {
                    int netnsAt = a.subList(9, a.size()).indexOf("netns");
                    String peerNs = netnsAt >= 0 ? a.get(9 + netnsAt + 1) : null;
                    if (peerNs != null && !namespaces.contains(peerNs)) {
                        return fail(cmd);
                    }
                    String peer = (peerNs == null ? ns : peerNs + "/") + a.get(8);
                    links.put(name, peer);
                    links.put(peer, name);
                }
                return ok(cmd);
            }
            case "link del": {
                String name = ns + a.get(3);
                if (!links.containsKey(name)) {
                    return fail(cmd);
                }
                String peer = links.remove(name);
                if (!peer.isEmpty()) {
                    links.remove(peer);
                }
                up.remove(name);
                masters.remove(name);
                up.remove(peer);
                masters.remove(peer);
                for (String end : List.of(name, peer)) {
                    nsAddress.remove(end);
                    nsUp.remove(end);
                }
                return ok(cmd);
            }
            case "netns add":
                return namespaces.add(a.get(3)) ? ok(cmd) : fail(cmd);
            case "netns del": {
                String gone = a.get(3);
                if (!namespaces.remove(gone)) {
                    return fail(cmd);
                }
                for (String l : new ArrayList<>(links.keySet())) {
                    if (l.startsWith(gone + "/")) {
                        String peer = links.remove(l);
                        links.remove(peer);
                    }
                }
                tables.remove(gone);
                nsAddress.keySet().removeIf(k -> k.startsWith(gone + "/"));
                nsUp.removeIf(k -> k.startsWith(gone + "/"));
                nsGateway.remove(gone);
                return ok(cmd);
            }
            default:
                return ok(cmd);
        }
    }

    /** `ip link set X master|up`, `ip -n NS addr add|link set eth0 up|route add default`, and the two reads. */
    private CmdResult addressesAndRoutes(Cmd cmd, List<String> a) {
        if (a.size() == 6 && a.subList(0, 5).equals(List.of("ip", "-o", "link", "show", "dev"))) {
            String l = a.get(5);
            if (!links.containsKey(l)) {
                return fail(cmd);
            }
            boolean isUp = up.contains(l);
            return new CmdResult(cmd, 0, "15: " + l + "@if2: <BROADCAST,MULTICAST" + (isUp ? ",UP,LOWER_UP" : "")
                    + "> mtu 1500 qdisc noqueue" + (masters.containsKey(l) ? " master " + masters.get(l) : "")
                    + " state " + (isUp ? "UP" : "DOWN") + " mode DEFAULT group default qlen 1000\\    link/ether"
                    + " 7e:33:b8:6e:e2:c0 brd ff:ff:ff:ff:ff:ff\n", "");
        }
        if (a.size() == 5 && a.get(1).equals("link") && a.get(2).equals("set") && a.get(4).equals("up")
                && links.containsKey(a.get(3))) {
            up.add(a.get(3));
            return ok(cmd);
        }
        if (a.size() == 6 && a.get(1).equals("link") && a.get(2).equals("set") && a.get(4).equals("master")
                && links.containsKey(a.get(3))) {
            masters.put(a.get(3), a.get(5));
            return ok(cmd);
        }
        if (a.size() < 4 || !a.get(1).equals("-n")) {
            return null;
        }
        String ns = a.get(2);
        if (!namespaces.contains(ns)) {
            return fail(cmd);
        }
        List<String> rest = a.subList(3, a.size());
        if (rest.equals(List.of("-o", "route", "show"))) {
            StringBuilder out = new StringBuilder();
            if (nsGateway.containsKey(ns) && nsUp.contains(ns + "/eth0") && nsAddress.containsKey(ns + "/eth0")) {
                out.append("default via ").append(nsGateway.get(ns)).append(" dev eth0 \n");
            }
            for (String key : new TreeSet<>(nsAddress.keySet())) {
                if (!key.startsWith(ns + "/") || !nsUp.contains(key)) {
                    continue;
                }
                String dev = key.substring(ns.length() + 1);
                String[] ipPrefix = nsAddress.get(key).split("/");
                String[] q = ipPrefix[0].split("\\.");
                out.append(q[0]).append('.').append(q[1]).append('.').append(q[2]).append(".0/").append(ipPrefix[1])
                        .append(" dev ").append(dev).append(" proto kernel scope link src ").append(ipPrefix[0])
                        .append(" \n");
            }
            return new CmdResult(cmd, 0, out.toString(), "");
        }
        if (rest.size() == 5 && rest.get(0).equals("addr") && rest.get(1).equals("add")) {
            nsAddress.put(ns + "/" + rest.get(4), rest.get(2));
        } else if (rest.size() == 4 && rest.subList(0, 2).equals(List.of("link", "set")) && rest.get(3).equals("up")
                && rest.get(2).startsWith("eth")) {
            nsUp.add(ns + "/" + rest.get(2));
        } else if (rest.size() == 5 && rest.subList(0, 4).equals(List.of("route", "add", "default", "via"))) {
            nsGateway.put(ns, rest.get(4));
        }
        return null;
    }

    private static CmdResult ok(Cmd cmd) {
        return new CmdResult(cmd, 0, "", "");
    }

    private static CmdResult fail(Cmd cmd) {
        return new CmdResult(cmd, 1, "", "RTNETLINK answers: error");
    }

    @Override
    public synchronized void apply(Optional<String> netns, String script) {
        if (netns.isPresent() && !namespaces.contains(netns.get())) {
            throw new IllegalStateException("no namespace " + netns.get());
        }
        int body = script.indexOf("\ntable ", script.indexOf("delete table"));
        if (body < 0) {
            tables.remove(netns.orElse(""));
        } else {
            tables.put(netns.orElse(""), script.substring(body + 1));
        }
    }

    @Override
    public synchronized Optional<String> list(Optional<String> netns) {
        return Optional.ofNullable(tables.get(netns.orElse("")));
    }

    @Override
    public synchronized void delete(Optional<String> netns) {
        tables.remove(netns.orElse(""));
    }

    List<String> rendered() {
        return commands.stream().map(Cmd::render).toList();
    }
}
