package online.niso.node.systemd;

import java.util.Objects;
import java.util.regex.Pattern;

/** One {@code Key=value} line of a unit file. The value is already escaped for systemd. */
public record Entry(String key, String value) {
    /** Unit file keys and section names (compiled once: a unit has dozens of entries). */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid unit file key: " + key);
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            // Escaping happens before an Entry is built; reaching this is a bug, not bad input.
            throw new IllegalArgumentException("unit file value for " + key + " contains a line break or NUL");
        }
    }
}
