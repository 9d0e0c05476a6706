package online.niso.common.model;

import java.util.Map;

/**
 * A package's manifest.toml. Every section has a value (defaults applied), so consumers never
 * branch on "section missing". Pure data, no I/O.
 *
 * @param volumes by volume name
 * @param labels  free-form metadata, e.g. niso.proxy.port
 * @param secrets credential name → absolute host file; activation passes them with systemd
 *                LoadCredential= so values never appear in the environment, unit files or logs
 */
public record Manifest(PackageInfo pkg, BinarySpec binary, RuntimeSpec runtime, EnvironmentSpec environment,
                       ServiceSettings service, java.util.Optional<HealthCheck> healthcheck, NetworkSpec network,
                       Isolation isolation, Map<String, VolumeSpec> volumes, Map<String, String> labels,
                       Hooks hooks, CopySpec copy, Map<String, String> secrets) {
    public Manifest {
        volumes = Immutables.sorted(volumes);
        labels = Immutables.sorted(labels);
        secrets = Immutables.sorted(secrets);
    }

    public PackageRef ref() {
        return new PackageRef(pkg.name(), pkg.version());
    }

    /** Convenience for tests and callers that build manifests in code. */
    public static Manifest minimal(String name, String version, String entrypoint) {
        return new Manifest(new PackageInfo(name, Version.parse(version), "", "", java.util.List.of()),
                new BinarySpec(entrypoint, java.util.List.of(), java.util.Optional.empty()), RuntimeSpec.DEFAULT,
                EnvironmentSpec.EMPTY, ServiceSettings.DEFAULT, java.util.Optional.empty(), NetworkSpec.DEFAULT,
                Isolation.DEFAULT, Map.of(), Map.of(), Hooks.NONE, CopySpec.NONE, Map.of());
    }
}
