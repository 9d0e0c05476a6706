package online.niso.common.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** [service]: how systemd supervises the process. */
public record ServiceSettings(ServiceType type, Optional<String> user, Optional<String> group, RestartPolicy restart,
                              Duration restartDelay, List<String> after) {
    public static final ServiceSettings DEFAULT = new ServiceSettings(ServiceType.SIMPLE, Optional.empty(),
            Optional.empty(), RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), List.of());

    public ServiceSettings {
        after = List.copyOf(after);
    }

    /** systemd Type=. */
    public enum ServiceType implements ConfigEnum {
        SIMPLE, ONESHOT, NOTIFY;

        @Override
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** systemd Restart=. */
    public enum RestartPolicy implements ConfigEnum {
        NO, ON_SUCCESS, ON_FAILURE, ON_ABNORMAL, ON_WATCHDOG, ON_ABORT, ALWAYS;

        @Override
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
