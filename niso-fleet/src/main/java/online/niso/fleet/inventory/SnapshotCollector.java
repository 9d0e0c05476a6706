package online.niso.fleet.inventory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import online.niso.common.cmd.CmdResult;
import online.niso.common.error.NisoException;
import online.niso.common.model.HostSpec;
import online.niso.common.remote.RemoteHosts;
import online.niso.fleet.remote.NodeCommands;
import online.niso.fleet.remote.NodeJson;
import online.niso.fleet.remote.Parallel;
import online.niso.fleet.remote.RetryPolicies;

/**
 * Asks every host `niso status --json` (or, for a plan, the unprobed `--cached` first), in parallel, retried as an
 * idempotent read, and returns the snapshot the planner works from. A host that cannot be asked becomes {@link HostState.Unreachable}
 * with the reason, never an exception: whether that aborts the rollout is policy, decided later.
 */
public final class SnapshotCollector {
    public static final Duration STATUS_TIMEOUT = Duration.ofSeconds(30);

    private final RemoteHosts remotes;
    private final NodeCommands commands;
    private final RetryPolicies retries;
    private final int parallelism;

    public SnapshotCollector(RemoteHosts remotes, NodeCommands commands, RetryPolicies retries, int parallelism) {
        this.remotes = remotes;
        this.commands = commands;
        this.retries = retries;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * {@code PROBED}: `niso status --json`, one probe of every health check. {@code UNPROBED}: `niso status --json
     * --cached`, answered without a JVM, health "unknown" while a checked unit is active; from a niso that does not
     * know it yet (exit 2), the probed status instead.
     */
    public enum Depth { PROBED, UNPROBED }

    public FleetSnapshot collect(List<HostSpec> hosts) {
        return collect(hosts, Depth.PROBED);
    }

    /** The snapshot a plan needs: unprobed, then probed for the hosts whose skipping depends on their health. */
    public FleetSnapshot collectForPlan(List<HostSpec> hosts, Function<FleetSnapshot, Set<String>> needProbe) {
        FleetSnapshot unprobed = collect(hosts, Depth.UNPROBED);
        Set<String> names = needProbe.apply(unprobed);
        if (names.isEmpty()) {
            return unprobed;
        }
        return unprobed.with(collect(hosts.stream().filter(h -> names.contains(h.name())).toList(), Depth.PROBED));
    }

    public FleetSnapshot collect(List<HostSpec> hosts, Depth depth) {
        Map<String, HostState> states = new LinkedHashMap<>();
        for (HostState s : Parallel.map(hosts, parallelism, "niso-fleet-status", h -> one(h, depth))) {
            states.put(s.host(), s);
        }
        return new FleetSnapshot(states);
    }

    private HostState one(HostSpec h, Depth depth) {
        try {
            CmdResult r = retries.idempotent(h.name() + "-status", () -> remotes.get(h).exec(
                    depth == Depth.UNPROBED ? commands.statusUnprobed() : commands.status(), STATUS_TIMEOUT));
            if (depth == Depth.UNPROBED && r.exitCode() == 2) {
                return one(h, Depth.PROBED); // a niso older than --cached: a usage error, nothing ran
            }
            if (r.exitCode() == 127) {
                return new HostState.Unreachable(h.name(), "niso is not installed on the host (run `niso-fleet bootstrap`)");
            }
            if (!r.ok()) {
                return new HostState.Unreachable(h.name(), "`niso status` failed: " + r.describe());
            }
            return new HostState.Reachable(h.name(), NodeJson.status(h.name(), r.stdout()));
        } catch (NisoException e) {
            return new HostState.Unreachable(h.name(), e.getMessage().startsWith(h.name() + ": ")
                    ? e.getMessage().substring(h.name().length() + 2) : e.getMessage());
        }
    }
}
