package online.niso.common.model;

import java.util.Map;
import java.util.Optional;

/**
 * fleet.toml. {@code stack} is the stack file path relative to fleet.toml. A file in the docs'
 * single-environment form ([[host]] at top level) yields one environment named
 * {@link #DEFAULT_ENVIRONMENT}.
 */
public record Fleet(String name, Optional<String> stack, Map<String, FleetEnvironment> environments) {
    public static final String DEFAULT_ENVIRONMENT = "default";

    public Fleet {
        environments = Immutables.sorted(environments);
    }

    public Optional<FleetEnvironment> environment(String name) {
        return Optional.ofNullable(environments.get(name));
    }

    /**
     * The named environment, or an InvalidInputException that lists the defined ones (with a
     * suggestion for a typo), for `niso-fleet deploy <env>`.
     */
    public FleetEnvironment environmentOrThrow(String name) {
        FleetEnvironment env = environments.get(name);
        if (env == null) {
            String hint = Texts.closest(name, environments.keySet()).map(h -> " (did you mean \"" + h + "\"?)").orElse("");
            throw new online.niso.common.error.InvalidInputException("unknown environment " + Texts.quote(name) + hint
                    + "; fleet " + this.name + " defines: " + String.join(", ", environments.keySet()));
        }
        return env;
    }

    /** The environment to use when none is named: the only one, if there is exactly one. */
    public Optional<FleetEnvironment> soleEnvironment() {
        return environments.size() == 1 ? Optional.of(environments.values().iterator().next()) : Optional.empty();
    }
}
