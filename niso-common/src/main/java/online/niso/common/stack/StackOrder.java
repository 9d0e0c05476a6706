package online.niso.common.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;

/**
 * Pure: the order a stack's services start in. Services are grouped in levels; every service's
 * dependencies are in earlier levels, so the services of one level can start in parallel. Within a
 * level names are sorted, so the order is deterministic. {@code stack down} uses the reverse.
 */
public final class StackOrder {

    private StackOrder() {}

    public static List<List<String>> levels(Stack stack) {
        Map<String, Integer> level = new HashMap<>();
        Map<String, StackService> byName = new HashMap<>();
        for (StackService s : stack.services()) {
            byName.put(s.name(), s);
        }
        for (StackService s : stack.services()) {
            levelOf(s.name(), byName, level, new ArrayList<>());
        }
        int max = level.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            final int l = i;
            out.add(List.copyOf(new TreeSet<>(level.entrySet().stream().filter(e -> e.getValue() == l)
                    .map(Map.Entry::getKey).toList())));
        }
        return List.copyOf(out);
    }

    /** Every service, dependencies first. */
    public static List<String> startOrder(Stack stack) {
        return levels(stack).stream().flatMap(List::stream).toList();
    }

    /** Every service, dependents first: the order to stop them in. */
    public static List<String> stopOrder(Stack stack) {
        List<String> order = new ArrayList<>(startOrder(stack));
        java.util.Collections.reverse(order);
        return List.copyOf(order);
    }

    private static int levelOf(String name, Map<String, StackService> byName, Map<String, Integer> level,
            List<String> path) {
        Integer known = level.get(name);
        if (known != null) {
            return known;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            // The parser refuses cycles with positions; reaching this means a Stack built in code.
            throw new InvalidInputException("dependency cycle: " + String.join(" -> ", cycle));
        }
        StackService service = byName.get(name);
        if (service == null) {
            throw new InvalidInputException("depends_on names unknown service \"" + name + "\"");
        }
        path.add(name);
        int mine = 0;
        for (String dep : service.dependsOn().keySet()) {
            mine = Math.max(mine, levelOf(dep, byName, level, path) + 1);
        }
        path.remove(path.size() - 1);
        level.put(name, mine);
        return mine;
    }
}
