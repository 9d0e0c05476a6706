package online.niso.common.model;

import java.util.Map;
import java.util.Optional;

/** [environment]: variables (sorted) plus an optional absolute env_file on the host. */
public record EnvironmentSpec(Map<String, String> variables, Optional<String> envFile) {
    public static final EnvironmentSpec EMPTY = new EnvironmentSpec(Map.of(), Optional.empty());

    public EnvironmentSpec {
        variables = Immutables.sorted(variables);
    }
}
