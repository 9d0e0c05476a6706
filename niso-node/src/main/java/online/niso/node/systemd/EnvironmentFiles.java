package online.niso.node.systemd;

import java.util.Map;
import java.util.SortedMap;

/**
 * Pure: a service's environment as the text of a systemd {@code EnvironmentFile=}. The unit names the file
 * through the service's {@code current} link instead of carrying {@code Environment=} lines, so a version
 * with other values does not change the unit's text (no daemon-reload on an upgrade).
 *
 * <p>systemd 252 reads the file with {@code load_env_file()} (env-file.c): {@code KEY=} then a double-quoted
 * value in which a backslash escapes only {@code " \ ` $} (any other backslash is kept as is), with no
 * specifier ({@code %}) or variable ({@code $X}) expansion. So every value is double-quoted and those four
 * characters are backslash-escaped. The same values are refused as in {@code Environment=} (line breaks,
 * control characters other than tab, invalid names), so a manifest accepted before is accepted now.
 */
public final class EnvironmentFiles {
    private EnvironmentFiles() {}

    /** One {@code KEY="value"} line per variable, sorted by name (the map's order). */
    public static String render(String field, SortedMap<String, String> variables) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : variables.entrySet()) {
            // Same validation (and error messages) as an Environment= word; its text is not used.
            SystemdEscaping.environmentAssignment(field, e.getKey(), e.getValue());
            sb.append(e.getKey()).append("=\"");
            String v = e.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"' || c == '\\' || c == '`' || c == '$') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append("\"\n");
        }
        return sb.toString();
    }
}
