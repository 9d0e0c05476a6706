package online.niso.common.model;

import java.util.Optional;
import java.util.Set;

/**
 * [isolation.security]. Capabilities are canonical "CAP_*" names; empty Optionals mean "as the
 * preset says".
 */
public record Security(Optional<Seccomp> seccomp, Set<String> capabilitiesAdd, Set<String> capabilitiesDrop,
                       Optional<Boolean> noNewPrivileges) {
    public static final Security PRESET = new Security(Optional.empty(), Immutables.sorted(Set.<String>of()),
            Immutables.sorted(Set.<String>of()), Optional.empty());

    public Security {
        capabilitiesAdd = Immutables.sorted(capabilitiesAdd);
        capabilitiesDrop = Immutables.sorted(capabilitiesDrop);
    }

    public enum Seccomp implements ConfigEnum {
        DEFAULT, STRICT;

        @Override
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
