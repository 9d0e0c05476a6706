package online.niso.common.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import online.niso.common.model.Names;
import online.niso.common.model.PortMapping;
import online.niso.common.model.StackNetwork;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.model.StackVolume;
import online.niso.common.model.Texts;

/** Cross-service rules of stack.toml (each reports at the offending key). */
final class StackRules {
    private StackRules() {
    }

    static void check(List<StackParser.Draft> drafts, Map<String, StackNetwork> networks) {
        Map<String, StackParser.Draft> byName = uniqueNames(drafts);
        for (StackParser.Draft d : drafts) {
            d.service().ifPresent(s -> {
                knownNetworks(d, s, networks);
                dependencies(d, s, byName);
            });
        }
        cycles(byName);
        portClashes(drafts);
        exclusiveVolumes(drafts);
    }

    private static Map<String, StackParser.Draft> uniqueNames(List<StackParser.Draft> drafts) {
        Map<String, StackParser.Draft> byName = new TreeMap<>();
        for (StackParser.Draft d : drafts) {
            if (d.name().isEmpty()) {
                continue;
            }
            StackParser.Draft first = byName.putIfAbsent(d.name().get(), d);
            if (first != null) {
                d.reader().error("name", "duplicate service name \"" + d.name().get() + "\" (also " + first.reader().path() + ")");
            }
        }
        return byName;
    }

    private static void knownNetworks(StackParser.Draft d, StackService s, Map<String, StackNetwork> networks) {
        Set<String> seen = new TreeSet<>();
        for (String n : s.networks()) {
            if (!seen.add(n)) {
                d.reader().error("networks", "network \"" + n + "\" is listed twice");
            } else if (!n.equals(Names.DEFAULT_NETWORK) && !networks.containsKey(n)) {
                Set<String> known = new TreeSet<>(networks.keySet());
                known.add(Names.DEFAULT_NETWORK);
                String hint = Texts.closest(n, known).map(h -> " (did you mean \"" + h + "\"?)").orElse("");
                d.reader().error("networks", "unknown network \"" + n + "\"" + hint + "; declare it under [networks]");
            }
        }
    }

    private static void dependencies(StackParser.Draft d, StackService s, Map<String, StackParser.Draft> byName) {
        TomlReader deps = d.dependsOn().orElse(d.reader());
        for (var e : s.dependsOn().entrySet()) {
            String target = e.getKey();
            if (target.equals(s.name())) {
                deps.error(target, "a service cannot depend on itself");
                continue;
            }
            StackParser.Draft other = byName.get(target);
            if (other == null) {
                String hint = Texts.closest(target, byName.keySet()).map(h -> " (did you mean \"" + h + "\"?)").orElse("");
                deps.error(target, "unknown service \"" + target + "\"" + hint);
                continue;
            }
            Optional<StackService> o = other.service();
            if (o.isEmpty() || o.get().type().isEmpty()) {
                continue; // the package's own [service] type decides; StackValidator checks it
            }
            boolean oneshot = o.get().isOneshot();
            if (e.getValue() == DependencyCondition.COMPLETED && !oneshot) {
                deps.error(target, "\"completed\" needs a oneshot service, but " + target + " has type = \""
                        + o.get().type().get().configName() + "\"");
            }
            if (e.getValue() == DependencyCondition.HEALTHY && oneshot) {
                deps.error(target, target + " is a oneshot and never becomes healthy; use \"completed\"");
            }
        }
    }

    /** Reports each dependency cycle once, as a path starting from its alphabetically first service. */
    private static void cycles(Map<String, StackParser.Draft> byName) {
        Map<String, List<String>> graph = new TreeMap<>();
        byName.forEach((n, d) -> graph.put(n, d.service().map(s -> s.dependsOn().keySet().stream()
                .filter(t -> byName.containsKey(t) && !t.equals(n)).sorted().toList()).orElse(List.of())));
        Set<List<String>> reported = new java.util.LinkedHashSet<>();
        Map<String, Integer> state = new HashMap<>();
        for (String start : graph.keySet()) {
            dfs(start, graph, state, new ArrayList<>(), reported);
        }
        for (List<String> cycle : reported) {
            StackParser.Draft d = byName.get(cycle.get(0));
            TomlReader at = d.dependsOn().orElse(d.reader());
            at.error(cycle.get(1), "dependency cycle: " + String.join(" -> ", cycle));
        }
    }

    private static void dfs(String node, Map<String, List<String>> graph, Map<String, Integer> state,
                            List<String> stack, Set<List<String>> reported) {
        Integer st = state.get(node);
        if (st != null && st == 2) {
            return;
        }
        if (st != null && st == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            int min = cycle.indexOf(cycle.stream().min(String::compareTo).orElseThrow());
            List<String> rotated = new ArrayList<>(cycle.subList(min, cycle.size()));
            rotated.addAll(cycle.subList(0, min));
            rotated.add(rotated.get(0));
            reported.add(rotated);
            return;
        }
        state.put(node, 1);
        stack.add(node);
        for (String next : graph.getOrDefault(node, List.of())) {
            dfs(next, graph, state, stack, reported);
        }
        stack.remove(stack.size() - 1);
        state.put(node, 2);
    }

    private static void portClashes(List<StackParser.Draft> drafts) {
        List<StackParser.Draft> seen = new ArrayList<>();
        for (StackParser.Draft d : drafts) {
            if (d.service().isEmpty()) {
                continue;
            }
            for (PortMapping p : d.service().get().ports()) {
                for (StackParser.Draft o : seen) {
                    for (PortMapping q : o.service().get().ports()) {
                        if (p.clashesWith(q)) {
                            d.reader().error("ports", "host port " + p.hostPort() + "/" + p.protocol().configName()
                                    + " is already published by service " + o.name().get() + " (" + q + ")");
                        }
                    }
                }
            }
            seen.add(d);
        }
    }

    private static void exclusiveVolumes(List<StackParser.Draft> drafts) {
        Map<String, List<StackParser.Draft>> users = new TreeMap<>();
        Map<String, Boolean> exclusive = new HashMap<>();
        for (StackParser.Draft d : drafts) {
            d.service().ifPresent(s -> {
                for (StackVolume v : s.volumes().values()) {
                    users.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(d);
                    exclusive.merge(v.name(), v.exclusive(), Boolean::logicalOr);
                }
            });
        }
        users.forEach((vol, ds) -> {
            if (exclusive.get(vol) && ds.size() > 1) {
                for (StackParser.Draft d : ds.subList(1, ds.size())) {
                    d.reader().error("volumes", "volume \"" + vol + "\" is exclusive but also mounted by service "
                            + ds.get(0).name().get());
                }
            }
        });
    }
}
