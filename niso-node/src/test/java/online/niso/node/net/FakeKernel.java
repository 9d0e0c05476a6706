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
                return ok(cmd);
            }
            default:
                return ok(cmd);
        }
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
