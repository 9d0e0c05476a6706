package online.niso.common.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * stack.toml: several services deployed together. Services keep file order; networks are sorted.
 * The built-in network "default" is never listed in {@code networks}.
 */
public record Stack(String name, Map<String, StackNetwork> networks, List<StackService> services) {
    public Stack {
        networks = Immutables.sorted(networks);
        services = List.copyOf(services);
    }

    public Optional<StackService> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
