package online.niso.node.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.ProcessRunner;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;
import online.niso.common.model.Cidr;
import online.niso.common.model.Names;
import online.niso.common.model.NetworkSpec;
import online.niso.common.model.PortMapping;
import online.niso.node.state.StateDb;

/**
 * The imperative shell of niso networking: records decisions in the state DB (one transaction
 * each), then makes the kernel match the state with {@code ip}/{@code sysctl} commands and whole-table
 * nft loads. Every decision (addresses, rules, hosts entries, commands) is made by pure code.
 *
 * <p>Callers hold the host lock (activation already does; the CLI takes it per command), so this
 * class does not lock: the lock is not re-entrant within one JVM.
 */
public final class NetworkService {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final StateDb db;
    private final ProcessRunner runner;
    private final Nft nft;
    private final RulesetGenerator generator = new RulesetGenerator();

    public NetworkService(StateDb db, ProcessRunner runner, Nft nft) {
        this.db = db;
        this.runner = runner;
        this.nft = nft;
    }

    public NetState state() {
        return db.read(NetRepository::load);
    }

    public Network create(String name, Cidr subnet) {
        Network network = new Network(Names.network(checkedName(name)), subnet);
        db.inTransaction(c -> {
            NetRepository.lockForWrite(c);
            NetState s = NetRepository.load(c);
            if (s.network(network.name()).isPresent()) {
                throw new InvalidInputException("network " + network.displayName() + " already exists");
            }
            for (Network other : s.networks()) {
                if (other.subnet().overlaps(subnet)) {
                    throw new InvalidInputException("subnet " + subnet + " overlaps network " + other.displayName()
                            + " (" + other.subnet() + ")");
                }
            }
            NetRepository.insertNetwork(c, network);
            return null;
        });
        ensureBridge(network);
        applyRules(state(), Set.of());
        return network;
    }

    public Network remove(String name) {
        String key = checkedName(name);
        Network removed = db.inTransaction(c -> {
            NetRepository.lockForWrite(c);
            NetState s = NetRepository.load(c);
            Network n = s.network(key).orElseThrow(() -> new InvalidInputException("no network named " + name));
            if (n.name().equals(Names.DEFAULT_NETWORK)) {
                throw new InvalidInputException("the default network niso-default cannot be removed");
            }
            List<String> users = s.on(n.name()).stream().map(Attachment::service).toList();
            if (!users.isEmpty()) {
                throw new InvalidInputException("network " + n.displayName() + " is used by " + String.join(", ", users)
                        + "; deactivate them first");
            }
            NetRepository.deleteNetwork(c, n.name());
            return n;
        });
        if (runner.run(NetCommands.linkExists(removed.bridge()), TIMEOUT).ok()) {
            check(NetCommands.deleteLink(removed.bridge()));
        }
        applyRules(state(), Set.of());
        return removed;
    }

    /**
     * Gives the service its namespace, one veth and address per network of {@code spec} and its rules
     * (idempotent: re-attaching keeps its address on every network it stays on, unless the static ip changed).
     * The namespace is re-created, so call this before the unit (re)starts, not while it runs. On failure
     * nothing is left behind and the previous attachment, if any, is put back.
     */
    public AttachResult attach(String service, NetworkSpec spec) {
        try {
            Names.name(service);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("service name: " + e.getMessage());
        }
        List<String> names = spec.networks().stream().map(NetworkService::checkedName).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new InvalidInputException("service " + service + " lists a network twice: "
                    + String.join(", ", spec.networks()));
        }
        Optional<Attachment> before = state().attachment(service);
        Attachment a = db.inTransaction(c -> {
            NetRepository.lockForWrite(c);
            NetState s = NetRepository.load(c);
            List<Network> nets = names.stream().map(name -> s.network(name).orElseThrow(() -> new InvalidInputException(
                    "network " + name + " does not exist; create it with: niso net create " + name
                            + " --subnet CIDR"))).toList();
            PortForwards.check(s, service, spec.ports());
            Optional<Attachment> old = s.attachment(service);
            Attachment next = new Attachment(service, Ipam.links(s, service, nets, spec.ip(), old), spec.ports(),
                    spec.hostname(), spec.policy());
            if (!old.equals(Optional.of(next))) {
                NetRepository.upsertAttachment(c, next); // unchanged: no write, so no fsync at commit
            }
            return next;
        });
        NetState s = state();
        // Peers on a network the service left or joined see it appear or go: all of their hosts files change.
        Set<String> touched = new TreeSet<>(a.networks());
        before.ifPresent(b -> touched.addAll(b.networks()));
        if (before.equals(Optional.of(a)) && inPlace(a, s.networksOf(a))) {
            // Nothing changed and the kernel side is all there: keep the namespace (the restart puts the new
            // process into it, as a plain `systemctl restart` would) and the rules, which derive from the
            // unchanged state. Saves ~20 ip/sysctl/nft runs per activation; `niso net restore` repairs the rest.
            return new AttachResult(service, a.links(), NetNames.netnsPath(service),
                    HostsEntries.forService(s, service), HostsEntries.forNetworks(s, touched));
        }
        int links = Math.max(a.links().size(), before.map(b -> b.links().size()).orElse(1));
        try {
            List<Network> nets = s.networksOf(a);
            nets.forEach(this::ensureBridge);
            NetCommands.cleanupService(service, links).forEach(cmd -> runner.run(cmd, TIMEOUT));
            NetCommands.setUpService(a, nets).forEach(this::check);
            applyRules(s, Set.of(service));
        } catch (RuntimeException e) {
            undoAttach(service, before, links);
            throw e;
        }
        return new AttachResult(service, a.links(), NetNames.netnsPath(service),
                HostsEntries.forService(s, service), HostsEntries.forNetworks(s, touched));
    }

    private boolean inPlace(Attachment a, List<Network> networks) {
        List<Cmd> inspect = NetCommands.inspectService(a);
        List<String> hostLinks = new ArrayList<>();
        for (Cmd cmd : inspect.subList(0, inspect.size() - 1)) {
            CmdResult host = runner.run(cmd, TIMEOUT);
            if (!host.ok()) {
                return false;
            }
            hostLinks.add(host.stdout());
        }
        CmdResult ns = runner.run(inspect.get(inspect.size() - 1), TIMEOUT);
        return ns.ok() && NetCommands.inPlace(a, networks, hostLinks, ns.stdout());
    }

    private void undoAttach(String service, Optional<Attachment> before, int links) {
        NetCommands.cleanupService(service, links).forEach(cmd -> runner.run(cmd, TIMEOUT));
        db.inTransaction(c -> {
            NetRepository.deleteAttachment(c, service);
            if (before.isPresent()) {
                NetRepository.upsertAttachment(c, before.get());
            }
            return null;
        });
        try {
            if (before.isPresent()) {
                NetState s = state();
                NetCommands.setUpService(before.get(), s.networksOf(before.get())).forEach(this::check);
            }
            applyRules(state(), Set.of());
        } catch (RuntimeException suppressed) {
            // The original failure is what the caller must see; `niso net restore` repairs the rest.
        }
    }

    /**
     * Removes the service's namespace, every veth, its rules and addresses; returns the hosts entries of the
     * remaining services on its networks.
     */
    public Map<String, List<String>> detach(String service) {
        Optional<Attachment> a = state().attachment(service);
        NetCommands.cleanupService(service, a.map(x -> x.links().size()).orElse(1))
                .forEach(cmd -> runner.run(cmd, TIMEOUT));
        if (a.isEmpty()) {
            return Map.of();
        }
        db.inTransaction(c -> NetRepository.deleteAttachment(c, service));
        NetState s = state();
        applyRules(s, Set.of()); // the host table must load; the detached service has none
        return HostsEntries.forNetworks(s, a.get().networks());
    }

    /** Publishes one more port of a running service: state, then the host table; the service keeps running. */
    public Attachment portForward(String service, PortMapping mapping) {
        Attachment updated = db.inTransaction(c -> {
            NetRepository.lockForWrite(c);
            NetState s = NetRepository.load(c);
            Attachment a = s.attachment(service).orElseThrow(() -> new InvalidInputException(
                    "service " + service + " is not attached to any network (is it activated?)"));
            if (a.ports().contains(mapping)) {
                return a;
            }
            List<PortMapping> ports = new ArrayList<>(a.ports());
            ports.add(mapping);
            PortForwards.check(s, service, ports);
            Attachment next = a.withPorts(ports);
            NetRepository.upsertAttachment(c, next);
            return next;
        });
        applyRules(state(), Set.of(service));
        return updated;
    }

    /**
     * After a reboot: bridges, namespaces, veths, addresses and every table again, from state. One
     * service that cannot be set up does not keep the others down: all are tried, then every failure
     * is reported together.
     */
    public NetState restore() {
        NetState s = state();
        List<String> failures = new ArrayList<>();
        for (Network n : s.networks()) {
            try {
                ensureBridge(n);
            } catch (RuntimeException e) {
                failures.add("network " + n.displayName() + ": " + e.getMessage());
            }
        }
        Set<String> ready = new java.util.TreeSet<>();
        for (Attachment a : s.attachments()) {
            try {
                NetCommands.cleanupService(a.service(), a.links().size()).forEach(cmd -> runner.run(cmd, TIMEOUT));
                NetCommands.setUpService(a, s.networksOf(a)).forEach(this::check);
                ready.add(a.service());
            } catch (RuntimeException e) {
                failures.add("service " + a.service() + ": " + e.getMessage());
            }
        }
        applyRules(s, ready);
        if (!failures.isEmpty()) {
            throw new OperationFailedException("restore incomplete:\n  " + String.join("\n  ", failures));
        }
        return s;
    }

    /** The complete /etc/hosts for a service's rootfs (loopback names plus the services of its networks). */
    public String hostsFile(String service) {
        NetState s = state();
        if (s.attachment(service).isEmpty()) {
            throw new InvalidInputException("service " + service + " is not attached to any network");
        }
        return HostsEntries.file(HostsEntries.forService(s, service));
    }

    /** What the renderer produces for the current state, in the form {@link #liveRules} prints. */
    public String renderedRules() {
        NetState s = state();
        if (s.attachments().isEmpty()) {
            return NftScript.describe("", List.of()); // applyRules deletes the host table then
        }
        return NftScript.describe(generator.generate(s));
    }

    /** The live tables: the host's and each attached service's {@code inet niso}. */
    public String liveRules() {
        NetState s = state();
        List<String[]> services = new ArrayList<>();
        for (Attachment a : s.attachments()) {
            services.add(new String[] {a.service(), nft.list(Optional.of(NetNames.netns(a.service()))).orElse("")});
        }
        return NftScript.describe(nft.list(Optional.empty()).orElse(""), services);
    }

    /**
     * Loads the host table and every service's table. A failure in another service's namespace is
     * tolerated: its namespace may not exist yet (a concurrent attach between its state row and its
     * `ip netns add`, or a crash at that point) and its own attach or `net restore` loads it; only
     * the host table and the tables of {@code mustSucceed} must load.
     */
    private void applyRules(NetState s, Set<String> mustSucceed) {
        Ruleset r = generator.generate(s);
        if (s.attachments().isEmpty()) {
            nft.delete(Optional.empty()); // no service, no rule: the host keeps no niso table at all
            return;
        }
        nft.apply(Optional.empty(), NftScript.render(r.host()));
        for (Ruleset.ServiceTable t : r.services()) {
            try {
                nft.apply(Optional.of(NetNames.netns(t.service())), NftScript.render(t.table()));
            } catch (RuntimeException e) {
                if (mustSucceed.contains(t.service())) {
                    throw e;
                }
            }
        }
    }

    private void ensureBridge(Network n) {
        if (!runner.run(NetCommands.linkExists(n.bridge()), TIMEOUT).ok()) {
            check(NetCommands.addBridge(n));
        }
        NetCommands.configureBridge(n).forEach(this::check);
    }

    private void check(Cmd cmd) {
        CmdResult r = runner.run(cmd, TIMEOUT);
        if (!r.ok()) {
            throw new OperationFailedException("network set-up failed: " + r.describe());
        }
    }

    private static String checkedName(String name) {
        try {
            return Names.network(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
