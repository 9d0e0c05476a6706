package online.niso.common.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link StackPlanner#plan}: every service of the file, grouped in dependency levels (a level's
 * services start in parallel, after every earlier level is ready), plus the services to remove (in the state
 * but no longer in the file), in the order to stop them.
 */
public record StackPlan(String stack, List<List<ServiceChange>> levels, List<ServiceChange> removals) {
    public StackPlan {
        levels = levels.stream().map(List::copyOf).toList();
        removals = List.copyOf(removals);
    }

    /** Every change: removals first (they run first, freeing ports), then the levels in order. */
    public List<ServiceChange> all() {
        List<ServiceChange> out = new ArrayList<>(removals);
        levels.forEach(out::addAll);
        return List.copyOf(out);
    }

    public boolean nothingToDo() {
        return all().stream().noneMatch(ServiceChange::changes);
    }

    public Optional<ServiceChange> change(String service) {
        return all().stream().filter(c -> c.service().equals(service)).findFirst();
    }

    /** The file's services, dependents first: the order {@code stack down} stops them in. */
    public List<String> downOrder() {
        List<String> order = new ArrayList<>();
        levels.forEach(l -> l.forEach(c -> order.add(c.service())));
        Collections.reverse(order);
        return List.copyOf(order);
    }

    public long count(ServiceChange.Action action) {
        return all().stream().filter(c -> c.action() == action).count();
    }
}
