package online.niso.fleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.config.FleetParser;
import online.niso.common.config.FleetValidator;
import online.niso.common.config.StackParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Fleet;
import online.niso.common.model.HostSpec;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.LabelSelector;
import online.niso.common.model.PackageRef;
import online.niso.common.model.RolloutPolicy;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.common.remote.RemoteHosts;
import online.niso.fleet.inventory.Artifact;
import online.niso.fleet.inventory.ArtifactResolver;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.SnapshotCollector;
import online.niso.fleet.plan.RolloutPlanner;
import online.niso.fleet.remote.NodeCommands;
import online.niso.fleet.remote.SshOptions;

/** Everything a command needs about one environment: parsed config, hosts, and (lazily) SSH. */
final class FleetContext implements AutoCloseable {
    /** How many hosts are asked for status at once (handshakes are capped separately by [ssh]). */
    static final int STATUS_PARALLELISM = 32;

    final FleetEnvironment world;
    final Path fleetFile;
    final Fleet fleet;
    final Stack stack;
    /** The stack file as read: uploaded to hosts for `niso activate --stack`. */
    final online.niso.fleet.inventory.StackFile stackFile;
    final online.niso.common.model.FleetEnvironment env;
    final NodeCommands commands = new NodeCommands();
    final Trace trace;
    private final boolean acceptNewHostKeys;
    private RemoteHosts remotes;

    private FleetContext(FleetEnvironment world, Path fleetFile, Fleet fleet, Stack stack,
                         online.niso.fleet.inventory.StackFile stackFile,
                         online.niso.common.model.FleetEnvironment env, boolean acceptNewHostKeys) {
        this.stackFile = stackFile;
        this.world = world;
        this.fleetFile = fleetFile;
        this.fleet = fleet;
        this.stack = stack;
        this.env = env;
        this.acceptNewHostKeys = acceptNewHostKeys;
        this.trace = Trace.of(world);
        trace.mark("config loaded");
    }

    static FleetContext load(FleetEnvironment world, FleetOptions o, String environment) {
        Path file = o.file.toAbsolutePath().normalize();
        Fleet fleet = FleetParser.parse(file.getFileName().toString(), read(file, "fleet file"));
        String stackName = fleet.stack().orElseThrow(() -> new InvalidInputException(file.getFileName()
                + ": [fleet] stack is required by niso-fleet (the stack.toml to deploy)"));
        Path stackFile = file.getParent().resolve(stackName).normalize();
        String stackText = read(stackFile, "stack file");
        Stack stack = StackParser.parse(stackFile.getFileName().toString(), stackText);
        FleetValidator.validateAgainstStack(fleet, stack, file.getFileName().toString());
        // Pinned to the bytes parsed here, so hosts get exactly the stack this run planned with.
        var pinned = new online.niso.fleet.inventory.StackFile(stackFile,
                online.niso.fleet.inventory.Digests.sha256(stackText));
        return new FleetContext(world, file, fleet, stack, pinned, fleet.environmentOrThrow(environment),
                o.acceptNewHostKeys);
    }

    private static String read(Path p, String what) {
        try {
            return Files.readString(p);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " not found: " + p);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + p + ": " + e.getMessage(), e);
        }
    }

    /** The environment's hosts (file order), narrowed by --hosts. */
    List<HostSpec> hosts(Optional<String> selector) {
        if (selector.isEmpty()) {
            return env.hosts();
        }
        LabelSelector s;
        try {
            s = LabelSelector.parse(selector.get());
        } catch (InvalidValueException e) {
            throw new InvalidInputException("--hosts: " + e.getMessage());
        }
        List<HostSpec> hosts = env.hosts().stream().filter(h -> s.matches(h.labels())).toList();
        if (hosts.isEmpty()) {
            throw new InvalidInputException("--hosts " + selector.get() + " matches no host of environment " + env.name());
        }
        return hosts;
    }

    DesiredFleet desired(SelectionOptions sel) {
        RolloutPolicy policy = sel.apply(env.deploy());
        Path dir = sel.artifacts != null ? sel.artifacts.toAbsolutePath() : fleetFile.getParent().resolve("packages");
        List<PackageRef> refs = stack.services().stream().map(StackService::pkg).toList();
        Map<PackageRef, Artifact> artifacts = ArtifactResolver.resolve(dir, refs);
        DesiredFleet all = DesiredFleet.resolve(env, stack, artifacts, policy);
        java.util.Set<String> names = new java.util.HashSet<>(hosts(Optional.ofNullable(sel.hosts)).stream().map(HostSpec::name).toList());
        return all.onlyHosts(names);
    }

    FleetSnapshot snapshot(List<HostSpec> hosts) {
        return collector().collect(hosts);
    }

    /**
     * What {@code desired}'s plan is made from: every host's status without health probes (no JVM on the host),
     * then probed only where a service's health decides whether it is skipped ({@link RolloutPlanner#needProbe}).
     */
    FleetSnapshot snapshotForPlan(DesiredFleet desired) {
        return collector().collectForPlan(desired.hosts().stream().map(DesiredFleet.DesiredHost::host).toList(),
                unprobed -> RolloutPlanner.needProbe(desired, unprobed));
    }

    private SnapshotCollector collector() {
        return new SnapshotCollector(remotes(), commands, world.retries(), STATUS_PARALLELISM);
    }

    /**
     * Starts the SSH handshakes with {@code hosts} in the background (each capped by max_concurrent_handshakes
     * as always), so they overlap the deploy lock's round trip instead of following it. Failures are left for
     * the snapshot to meet and report.
     */
    void preconnect(List<HostSpec> hosts) {
        RemoteHosts r = remotes();
        for (HostSpec h : hosts) {
            Thread t = new Thread(() -> {
                try {
                    r.get(h);
                } catch (RuntimeException e) {
                    // reported by the snapshot, which asks again
                }
            }, "niso-fleet-connect");
            t.setDaemon(true);
            t.start();
        }
    }

    HostSpec spec(String host) {
        return env.hosts().stream().filter(h -> h.name().equals(host)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no host " + host + " in " + env.name()));
    }

    RemoteHosts remotes() {
        if (remotes == null) {
            remotes = world.remotes().apply(SshOptions.from(env.ssh(), world.home(), fleetFile.getParent(), acceptNewHostKeys));
        }
        return remotes;
    }

    @Override
    public void close() {
        if (remotes != null) {
            remotes.close();
            trace.mark("ssh sessions closed");
        }
    }
}
