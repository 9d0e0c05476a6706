package online.niso.fleet.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import online.niso.common.model.CountOrPercent;
import online.niso.common.model.RolloutPolicy;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.inventory.DesiredFleet.DesiredHost;
import online.niso.fleet.inventory.DesiredFleet.DesiredService;
import online.niso.fleet.inventory.Digests;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.remote.Health;
import online.niso.fleet.remote.NodeStatus;

/**
 * Pure: (desired, observed) → plan. No SSH, no clock, no randomness — the same inputs always give an
 * equal plan. Hosts keep fleet.toml order inside waves, so an operator can predict who goes first.
 */
public final class RolloutPlanner {

    public RolloutPlan plan(DesiredFleet desired, FleetSnapshot observed) {
        List<HostAction.Activate> toChange = new ArrayList<>();
        List<HostAction.Skip> skipped = new ArrayList<>();
        for (DesiredHost h : desired.hosts()) {
            HostAction a = decide(h, observed.host(h.name()));
            if (a instanceof HostAction.Activate act) {
                toChange.add(act);
            } else {
                skipped.add((HostAction.Skip) a);
            }
        }
        List<Wave> waves = waves(toChange, desired.policy(), desired.hosts().size());
        return new RolloutPlan(desired.environment(), desired.policy(), desired.digest(), observed.digest(), waves,
                skipped);
    }

    /**
     * Pure: the hosts of an unprobed snapshot whose plan depends on health nobody probed — a service at its target
     * digest with the same definition, active, health "unknown". Only those need `niso status` to probe: every
     * other host's action is decided by digests and unit states alone (and is the same either way).
     */
    public static Set<String> needProbe(DesiredFleet desired, FleetSnapshot unprobed) {
        Set<String> hosts = new TreeSet<>();
        for (DesiredHost h : desired.hosts()) {
            if (!(unprobed.host(h.name()).orElse(null) instanceof HostState.Reachable r)) {
                continue;
            }
            for (DesiredService s : h.services()) {
                // Skipped when healthy (decide), and nobody probed whether it is.
                if (r.status().service(s.service()).filter(v -> v.health() == Health.UNKNOWN
                        && "active".equals(v.activeState()) && runsTarget(s, v)).isPresent()) {
                    hosts.add(h.name());
                }
            }
        }
        return hosts;
    }

    /** The host runs {@code s}'s target digest under the stack's definition of it: skipped if it is also healthy. */
    private static boolean runsTarget(DesiredService s, NodeStatus.ServiceState seen) {
        return seen.digest().equals(s.digest()) && configChange(s, seen).isEmpty();
    }

    static HostAction decide(DesiredHost h, Optional<HostState> state) {
        if (state.isEmpty()) {
            return new HostAction.Skip(h.name(), HostAction.Reason.UNREACHABLE, "unreachable: not in the snapshot");
        }
        if (state.get() instanceof HostState.Unreachable u) {
            return new HostAction.Skip(h.name(), HostAction.Reason.UNREACHABLE, "unreachable: " + u.reason());
        }
        if (h.services().isEmpty()) {
            return new HostAction.Skip(h.name(), HostAction.Reason.NOTHING_PLACED, "no service is placed on this host");
        }
        NodeStatus status = ((HostState.Reachable) state.get()).status();
        List<Change> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> atTarget = new ArrayList<>();
        for (DesiredService s : h.services()) {
            Optional<NodeStatus.ServiceState> seen = status.service(s.service());
            boolean sameDigest = seen.map(v -> v.digest().equals(s.digest())).orElse(false);
            Optional<String> configChange = seen.flatMap(v -> configChange(s, v));
            if (seen.filter(v -> v.healthy() && runsTarget(s, v)).isPresent()) {
                unchanged.add(s.service());
                atTarget.add(Digests.shortForm(s.digest()) + " (" + s.service() + ")");
                continue;
            }
            // A config change is named before health: it is what the activation changes, and an unprobed status
            // (health "unknown") is not probed for such a host (needProbe).
            String why = seen.isEmpty() ? "not running on the host"
                    : !sameDigest ? "runs " + seen.get().version() + " " + Digests.shortForm(seen.get().digest())
                    : configChange.isPresent() ? configChange.get()
                    : "at the target digest but " + seen.get().activeState() + "/" + seen.get().health().wire();
            changes.add(new Change(s, seen.map(NodeStatus.ServiceState::release), seen.map(NodeStatus.ServiceState::pkg),
                    !status.hasPackageDigest(s.digest()), why,
                    seen.flatMap(NodeStatus.ServiceState::definition).map(NodeStatus.Definition::digest)));
        }
        if (changes.isEmpty()) {
            return new HostAction.Skip(h.name(), HostAction.Reason.AT_TARGET, "already at digest " + String.join(", ", atTarget));
        }
        return new HostAction.Activate(h.name(), changes, unchanged);
    }

    /**
     * Pure: why the host's stored definition of {@code s} differs from the stack's entry, or empty when it is
     * the same (equal {@code ServiceConfigDigest}). A host that does not report its definition (an older niso)
     * counts as changed: its config is unknown, and re-activating an unchanged service is a no-op on the host.
     * Only digests and environment keys are compared; values never leave either side.
     */
    static Optional<String> configChange(DesiredService s, NodeStatus.ServiceState seen) {
        if (seen.definition().isEmpty()) {
            return Optional.of("config unknown: the host's niso does not report service definitions (older than "
                    + "this niso-fleet); deploying to be sure");
        }
        NodeStatus.Definition have = seen.definition().get();
        if (have.digest().equals(s.configDigest())) {
            return Optional.empty();
        }
        java.util.SortedMap<String, String> want = online.niso.common.stack.ServiceConfigDigest.fields(s.config());
        List<String> parts = new ArrayList<>();
        for (String field : online.niso.common.stack.ServiceConfigDigest.FIELDS) {
            if (java.util.Objects.equals(want.get(field), have.fields().get(field))) {
                continue;
            }
            if (field.equals("environment")) {
                parts.add(environmentChange(s.config().environment().keySet(), have.environmentKeys()));
            } else {
                parts.add(field.replace('_', ' '));
            }
        }
        return Optional.of("config changed: " + (parts.isEmpty() ? "service definition" : String.join("; ", parts)));
    }

    /** "environment keys +NEW −OLD", or "environment values (keys A, B)" when only values differ. */
    static String environmentChange(java.util.Set<String> want, List<String> have) {
        List<String> added = want.stream().filter(k -> !have.contains(k)).sorted().toList();
        List<String> removed = have.stream().filter(k -> !want.contains(k)).sorted().toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return "environment values (keys " + String.join(", ", want.stream().sorted().toList()) + ")";
        }
        List<String> keys = new ArrayList<>();
        added.forEach(k -> keys.add("+" + k));
        removed.forEach(k -> keys.add("-" + k));
        return "environment keys " + String.join(" ", keys);
    }

    /**
     * Canary: the first {@code canary} hosts (of the environment, at least one) form wave 1; the rest
     * go {@code max_parallel} at a time. Percentages are of the environment's host count, so the wave
     * size does not shrink as a rollout is resumed.
     */
    static List<Wave> waves(List<HostAction.Activate> hosts, RolloutPolicy policy, int inventorySize) {
        List<Wave> waves = new ArrayList<>();
        if (hosts.isEmpty()) {
            return waves;
        }
        int next = 0;
        switch (policy.strategy()) {
            case ALL_AT_ONCE -> {
                waves.add(new Wave(1, Wave.Kind.ALL_AT_ONCE, hosts));
                return waves;
            }
            case CANARY -> {
                int canaries = Math.min(hosts.size(), policy.canary().orElse(RolloutPolicy.DEFAULT_CANARY).of(inventorySize));
                waves.add(new Wave(1, Wave.Kind.CANARY, hosts.subList(0, canaries)));
                next = canaries;
            }
            case ROLLING -> { }
        }
        int size = batch(policy.maxParallel(), inventorySize);
        while (next < hosts.size()) {
            int end = Math.min(hosts.size(), next + size);
            waves.add(new Wave(waves.size() + 1, Wave.Kind.ROLLING, hosts.subList(next, end)));
            next = end;
        }
        return waves;
    }

    /** Hosts per rolling wave (also the revert batch size) for an inventory of {@code inventorySize} hosts. */
    public static int batchFor(RolloutPolicy policy, long inventorySize) {
        return policy.strategy() == RolloutPolicy.Strategy.ALL_AT_ONCE ? (int) Math.max(1, inventorySize)
                : batch(policy.maxParallel(), (int) inventorySize);
    }

    static int batch(CountOrPercent maxParallel, int inventorySize) {
        return Math.max(1, maxParallel.of(Math.max(1, inventorySize)));
    }
}
