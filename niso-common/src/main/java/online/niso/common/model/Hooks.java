package online.niso.common.model;

import java.util.Optional;

/** [hooks]: scripts inside the package (normalised relative paths). */
public record Hooks(Optional<String> preActivate, Optional<String> postActivate, Optional<String> onUnhealthy) {
    public static final Hooks NONE = new Hooks(Optional.empty(), Optional.empty(), Optional.empty());
}
