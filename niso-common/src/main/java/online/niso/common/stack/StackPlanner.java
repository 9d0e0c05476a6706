package online.niso.common.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.PortMapping;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.stack.ServiceChange.Action;

/**
 * Pure: from a stack file and what this host has of it, what {@code stack up} must do per service (create,
 * upgrade, unchanged, remove) and why, in dependency levels ({@link StackOrder}), with what {@code up} waits for
 * after each service before its dependents start. {@code stack diff} prints this plan; {@code up} executes it.
 */
public final class StackPlanner {
    private StackPlanner() {}

    /**
     * @param observed the host's services of this stack by service name (recorded by earlier runs, with their state
     *                 now); services recorded but not in {@code stack} are removed
     * @param facts    per service of {@code stack}: oneshot / health check, from its package's manifest (a missing
     *                 entry means a plain long-running service without a check)
     */
    public static StackPlan plan(Stack stack, Map<String, ObservedService> observed, Map<String, ServiceFacts> facts) {
        List<List<ServiceChange>> levels = new ArrayList<>();
        for (List<String> level : StackOrder.levels(stack)) {
            List<ServiceChange> changes = new ArrayList<>();
            for (String name : level) {
                StackService s = stack.service(name).orElseThrow();
                changes.add(change(s, Optional.ofNullable(observed.get(name)),
                        readyWhen(stack, s, facts.getOrDefault(name, ServiceFacts.PLAIN))));
            }
            levels.add(changes);
        }
        Map<String, ObservedService> gone = new TreeMap<>();
        observed.forEach((name, o) -> {
            if (stack.service(name).isEmpty()) {
                gone.put(name, o);
            }
        });
        List<ServiceChange> removals = new ArrayList<>();
        for (String name : stopOrder(gone.values())) {
            ObservedService o = gone.get(name);
            removals.add(new ServiceChange(name, Action.REMOVE, Optional.of(o.version()), Optional.empty(),
                    List.of("not in the stack file any more"), Optional.empty()));
        }
        return new StackPlan(stack.name(), levels, removals);
    }

    /**
     * What {@code up} waits for after activating {@code s}: the strongest condition any dependent names; a
     * oneshot always runs to completion; a service nobody depends on is waited for until healthy if it has a
     * check (so that {@code up} reports a broken service), else until started.
     */
    static DependencyCondition readyWhen(Stack stack, StackService s, ServiceFacts facts) {
        boolean oneshot = s.type().isPresent() ? s.isOneshot() : facts.oneshot();
        if (oneshot) {
            return DependencyCondition.COMPLETED;
        }
        Optional<DependencyCondition> strongest = stack.services().stream()
                .map(o -> o.dependsOn().get(s.name())).filter(c -> c != null)
                .max(Enum::compareTo);
        if (strongest.isPresent()) {
            // COMPLETED on a long-running service is refused by the validator; HEALTHY is the closest meaning.
            return strongest.get() == DependencyCondition.STARTED ? DependencyCondition.STARTED
                    : DependencyCondition.HEALTHY;
        }
        return facts.healthCheck() ? DependencyCondition.HEALTHY : DependencyCondition.STARTED;
    }

    private static ServiceChange change(StackService s, Optional<ObservedService> seen, DependencyCondition ready) {
        String version = s.pkg().version().toString();
        if (seen.isEmpty()) {
            return new ServiceChange(s.name(), Action.CREATE, Optional.empty(), Optional.of(version),
                    List.of("new service"), Optional.of(ready));
        }
        ObservedService o = seen.get();
        List<String> reasons = new ArrayList<>();
        if (!o.packageName().equals(s.pkg().name())) {
            reasons.add("package " + o.packageName() + " → " + s.pkg().name());
        }
        if (!o.version().equals(version)) {
            reasons.add("version " + o.version() + " → " + version);
        }
        String digest = ServiceConfigDigest.of(s);
        if (!o.configDigest().equals(digest)) {
            reasons.add("config digest " + shortDigest(o.configDigest()) + " → " + shortDigest(digest));
        }
        List<String> ports = ports(s);
        if (!o.ports().equals(ports)) {
            reasons.add("ports " + listText(o.ports()) + " → " + listText(ports));
        }
        Set<String> added = new TreeSet<>(s.environment().keySet());
        added.removeAll(o.envKeys());
        Set<String> removed = new TreeSet<>(o.envKeys());
        removed.removeAll(s.environment().keySet());
        if (!added.isEmpty()) {
            reasons.add("environment keys added: " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            reasons.add("environment keys removed: " + String.join(", ", removed));
        }
        if (!o.ok()) {
            reasons.add("not running (" + o.state() + ")");
        }
        return new ServiceChange(s.name(), reasons.isEmpty() ? Action.UNCHANGED : Action.UPGRADE,
                Optional.of(o.version()), Optional.of(version), reasons, Optional.of(ready));
    }

    /** The ports the stack file gives a service, as text (empty: the package's own). */
    public static List<String> ports(StackService s) {
        return s.ports().stream().map(PortMapping::toString).toList();
    }

    /**
     * Services in the order to stop them: dependents before their dependencies (dependencies outside the set are
     * ignored); the reverse of the start order, in which names are sorted within a level. {@code stack down} without the file uses this on the recorded state.
     */
    public static List<String> stopOrder(Collection<ObservedService> services) {
        Map<String, List<String>> deps = new TreeMap<>();
        services.forEach(o -> deps.put(o.service(), o.dependsOn()));
        Map<String, Integer> level = new TreeMap<>();
        for (String name : deps.keySet()) {
            levelOf(name, deps, level, new ArrayList<>());
        }
        // the start order (levels, names sorted within one), reversed: as StackPlan.downOrder
        List<String> order = new ArrayList<>(level.keySet());
        order.sort(java.util.Comparator.comparing((String n) -> level.get(n)).thenComparing(n -> n));
        java.util.Collections.reverse(order);
        return List.copyOf(order);
    }

    private static int levelOf(String name, Map<String, List<String>> deps, Map<String, Integer> level,
            List<String> path) {
        Integer known = level.get(name);
        if (known != null) {
            return known;
        }
        if (path.contains(name)) {
            throw new InvalidInputException("dependency cycle in the recorded stack: "
                    + String.join(" -> ", path) + " -> " + name);
        }
        path.add(name);
        int mine = 0;
        for (String d : deps.get(name)) {
            if (deps.containsKey(d)) {
                mine = Math.max(mine, levelOf(d, deps, level, path) + 1);
            }
        }
        path.remove(path.size() - 1);
        level.put(name, mine);
        return mine;
    }

    static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex.isEmpty() ? "(none)" : hex;
    }

    private static String listText(List<String> items) {
        return items.isEmpty() ? "(package's)" : String.join(", ", items);
    }
}
