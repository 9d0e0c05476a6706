package online.niso.fleet.plan;

import java.util.List;
import java.util.Locale;

/** Hosts switched together; the next wave starts only when every host of this one is healthy. */
public record Wave(int index, Kind kind, List<HostAction.Activate> actions) {
    public Wave {
        actions = List.copyOf(actions);
    }

    public enum Kind {
        CANARY, ROLLING, ALL_AT_ONCE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public List<String> hosts() {
        return actions.stream().map(HostAction.Activate::host).toList();
    }
}
