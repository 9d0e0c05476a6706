package online.niso.fleet.remote;

import java.util.Locale;

/** A service's health as `niso status --json` reports it (contract schema 1). */
public enum Health {
    HEALTHY, UNHEALTHY, STARTING, NONE, UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Health parse(String text) {
        for (Health h : values()) {
            if (h.wire().equals(text)) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown health \"" + text + "\"");
    }
}
