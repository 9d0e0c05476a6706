package online.niso.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import online.niso.common.error.ConfigError;
import online.niso.common.error.ConfigException;
import online.niso.common.model.Fleet;
import online.niso.common.model.FleetEnvironment;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.common.model.Texts;

/** Rules between fleet.toml and its stack: placement must name the stack's services. */
public final class FleetValidator {
    private FleetValidator() {
    }

    public static void validateAgainstStack(Fleet fleet, Stack stack, String fileName) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        var names = stack.services().stream().map(StackService::name).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (FleetEnvironment env : fleet.environments().values()) {
            String prefix = env.name().equals(Fleet.DEFAULT_ENVIRONMENT) ? "placement." : "environments." + env.name() + ".placement.";
            for (String service : env.placement().keySet()) {
                if (!names.contains(service)) {
                    String hint = Texts.closest(service, names).map(h -> " (did you mean \"" + h + "\"?)").orElse("");
                    errors.add(new ConfigError(fileName, 0, 0, prefix + service, "stack " + stack.name()
                            + " has no service \"" + service + "\"" + hint));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
