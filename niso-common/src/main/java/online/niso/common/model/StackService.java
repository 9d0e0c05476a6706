package online.niso.common.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One [[service]] of a stack. {@code type} empty means "as the package's [service] type".
 * {@code networks} empty means "the package's [network] network"; {@code ports} empty means "the
 * package's [network] ports".
 */
public record StackService(String name, PackageRef pkg, List<PortMapping> ports, List<String> networks,
                           Map<String, DependencyCondition> dependsOn, Optional<ServiceSettings.ServiceType> type,
                           Map<String, StackVolume> volumes, Map<String, String> environment,
                           Optional<BinaryOverride> binary) {
    public StackService {
        ports = List.copyOf(ports);
        networks = List.copyOf(networks);
        dependsOn = Immutables.sorted(dependsOn);
        volumes = Immutables.sorted(volumes);
        environment = Immutables.sorted(environment);
    }

    /** Environment values may hold credentials: print the keys only. */
    @Override
    public String toString() {
        return "StackService[name=" + name + ", pkg=" + pkg + ", ports=" + ports + ", networks=" + networks
                + ", dependsOn=" + dependsOn + ", type=" + type + ", volumes=" + volumes.keySet()
                + ", environment=" + environment.keySet() + " (values hidden), binary=" + binary + "]";
    }

    public boolean isOneshot() {
        return type.map(t -> t == ServiceSettings.ServiceType.ONESHOT).orElse(false);
    }

    public enum DependencyCondition implements ConfigEnum {
        /** The dependency's process has started. */
        STARTED,
        /** The dependency's health check passes. */
        HEALTHY,
        /** The dependency, a oneshot, exited 0. */
        COMPLETED;

        @Override
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
