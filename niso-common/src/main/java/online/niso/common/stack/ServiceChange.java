package online.niso.common.stack;

import java.util.List;
import java.util.Optional;
import online.niso.common.model.StackService.DependencyCondition;

/**
 * What {@code stack up} does to one service, and why. Reasons name versions, the config digest, ports and
 * environment KEYS only: never an environment value (they may be credentials).
 *
 * @param readyWhen what {@code up} waits for after activating it before anything depending on it starts; empty
 *                  for a removal
 */
public record ServiceChange(String service, Action action, Optional<String> fromVersion, Optional<String> toVersion,
        List<String> reasons, Optional<DependencyCondition> readyWhen) {
    public ServiceChange {
        reasons = List.copyOf(reasons);
    }

    public enum Action {
        CREATE, UPGRADE, UNCHANGED, REMOVE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean changes() {
        return action != Action.UNCHANGED;
    }
}
