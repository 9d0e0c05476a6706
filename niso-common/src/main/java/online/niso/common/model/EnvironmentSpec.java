package online.niso.common.model;

import java.util.Map;
import java.util.Optional;

/** [environment]: variables (sorted) plus an optional absolute env_file on the host. */
public record EnvironmentSpec(Map<String, String> variables, Optional<String> envFile) {
    public static final EnvironmentSpec EMPTY = new EnvironmentSpec(Map.of(), Optional.empty());

    public EnvironmentSpec {
        variables = Immutables.sorted(variables);
    }

    /** Applies a stack's [service.environment]: its variables are added, replacing same-named ones. */
    public EnvironmentSpec with(Map<String, String> overrides) {
        java.util.TreeMap<String, String> merged = new java.util.TreeMap<>(variables);
        merged.putAll(overrides);
        return new EnvironmentSpec(merged, envFile);
    }

    /** Values may hold credentials (DATABASE_URL with a password): never print them. */
    @Override
    public String toString() {
        return "EnvironmentSpec[variables=" + variables.keySet() + " (values hidden), envFile=" + envFile + "]";
    }
}
