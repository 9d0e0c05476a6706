package online.niso.fleet.remote;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** `niso status --json`: what one host runs. Lists are sorted so equal hosts compare (and hash) equal. */
public record NodeStatus(String host, String nisoVersion, List<ServiceState> services, List<InstalledPackage> packages) {

    public NodeStatus {
        services = services.stream().sorted(Comparator.comparing(ServiceState::name)).toList();
        packages = packages.stream().sorted(Comparator.comparing(InstalledPackage::name)
                .thenComparing(InstalledPackage::version).thenComparing(InstalledPackage::digest)).toList();
    }

    /**
     * {@code definition}: what the host's stored definition of the service says, as digests (never values);
     * empty from a host whose niso predates the field (its config is unknown).
     */
    public record ServiceState(String name, String unit, String pkg, String version, String digest,
                               Optional<Release> previous, String activeState, String subState, Health health,
                               Optional<Instant> since, Optional<Definition> definition) {
        public ServiceState(String name, String unit, String pkg, String version, String digest,
                            Optional<Release> previous, String activeState, String subState, Health health,
                            Optional<Instant> since) {
            this(name, unit, pkg, version, digest, previous, activeState, subState, health, since, Optional.empty());
        }

        public Release release() {
            return new Release(version, digest);
        }

        /** Active and passing its check (or without one): what a rollout needs to count a host as healthy. */
        public boolean healthy() {
            return "active".equals(activeState) && (health == Health.HEALTHY || health == Health.NONE);
        }
    }

    /**
     * The host's stored service definition as {@code ServiceConfigDigest} computes it: the whole digest, one
     * digest per field, and the environment's keys (never its values).
     */
    public record Definition(String digest, java.util.SortedMap<String, String> fields, List<String> environmentKeys) {
        public Definition {
            fields = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(fields));
            environmentKeys = environmentKeys.stream().sorted().toList();
        }
    }

    public record InstalledPackage(String name, String version, String digest) {}

    public Optional<ServiceState> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean hasPackageDigest(String digest) {
        return packages.stream().anyMatch(p -> p.digest().equals(digest));
    }
}
