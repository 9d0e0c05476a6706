package online.niso.node.systemd;

import java.util.Arrays;
import java.util.stream.Collectors;
import online.niso.common.error.InvalidInputException;

/** systemd's Restart= values. */
public enum RestartPolicy {
    NO("no"), ON_SUCCESS("on-success"), ON_FAILURE("on-failure"), ON_ABNORMAL("on-abnormal"),
    ON_WATCHDOG("on-watchdog"), ON_ABORT("on-abort"), ALWAYS("always");

    private final String systemdName;

    RestartPolicy(String systemdName) {
        this.systemdName = systemdName;
    }

    public String systemdName() {
        return systemdName;
    }

    public static RestartPolicy parse(String field, String value) {
        return Arrays.stream(values()).filter(p -> p.systemdName.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field + ": expected one of "
                        + Arrays.stream(values()).map(RestartPolicy::systemdName).collect(Collectors.joining(", "))
                        + ", got \"" + value + "\""));
    }
}
