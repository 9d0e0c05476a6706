package online.niso.node.systemd;

import java.util.List;
import java.util.regex.Pattern;
import online.niso.common.error.InvalidInputException;

/**
 * Turns manifest strings into unit-file text that systemd reads back as exactly the original.
 *
 * <p>systemd applies, in order (systemd 252, {@code config_parse_exec}/{@code config_parse_environ}):
 * specifier expansion ({@code %%} → {@code %}), word splitting with C-style unquoting
 * ({@code extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE)}), and — for command lines only,
 * at exec time — environment expansion ({@code $$} → {@code $}). So:
 * <ul>
 *   <li>{@code %} is always doubled;</li>
 *   <li>{@code $} is doubled in Exec*= arguments only: in Environment= a {@code $} is literal and
 *       doubling it would change the value;</li>
 *   <li>words that are not plainly safe are double-quoted with {@code \\}, {@code \"}, {@code \t} and
 *       {@code \xNN} escapes (quoting also neutralises a lone {@code ;}, systemd's command separator);</li>
 *   <li>newline, carriage return and NUL cannot be written on one unit-file line and are refused with
 *       an {@link InvalidInputException} naming the field.</li>
 * </ul>
 * {@link SystemdUnescaper} implements systemd's reading rules independently; property tests check
 * that it inverts every function here.
 */
public final class SystemdEscaping {
    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_@+=:,./%$-]+");
    private static final Pattern SAFE_PATH = Pattern.compile("/|(/[A-Za-z0-9_@+=,.%~-]+)+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SystemdEscaping() {}

    /** {@code ExecStart=} value: the executable (an absolute path in the rootfs) and its arguments. */
    public static String commandLine(String field, String executable, List<String> args) {
        // The path is not subject to $-expansion (only argv is), so SAFE_PATH excludes '$' entirely.
        String exe = path(field + ".entrypoint", executable);
        StringBuilder out = new StringBuilder(exe);
        for (int i = 0; i < args.size(); i++) {
            out.append(' ').append(execArgument(field + ".args[" + i + "]", args.get(i)));
        }
        return out.toString();
    }

    /** One Exec*= argument: {@code %} and {@code $} doubled, quoted when it is not a plain word. */
    public static String execArgument(String field, String value) {
        requireRepresentable(field, value);
        if (!value.isEmpty() && SAFE_WORD.matcher(value).matches()) {
            return value.replace("%", "%%").replace("$", "$$");
        }
        return quote(value, true);
    }

    /** One {@code Environment=} word, always quoted: {@code "KEY=value"}. {@code $} stays literal. */
    public static String environmentAssignment(String field, String key, String value) {
        if (!ENV_NAME.matcher(key).matches()) {
            throw new InvalidInputException(field + ": invalid environment variable name '" + printable(key)
                    + "' (expected letters, digits and '_', not starting with a digit)");
        }
        String where = field + "." + key;
        requireRepresentable(where, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // systemd rejects environment values with control characters other than tab.
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new InvalidInputException(where + ": control character U+" + String.format("%04X", (int) c)
                        + " is not allowed in an environment value");
            }
        }
        return quote(key + "=" + value, false);
    }

    /**
     * An absolute, normalised path for directives such as RootDirectory=, BindPaths= or
     * WorkingDirectory=. Characters with a meaning in those directives (whitespace, quotes,
     * backslash, {@code :}, {@code ;}) are refused rather than escaped: each directive has its own
     * splitting rules and such names are never needed for niso's layout or mount points.
     */
    public static String path(String field, String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidInputException(field + ": path must not be empty");
        }
        requireRepresentable(field, path);
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new InvalidInputException(field + ": expected an absolute path of letters, digits and _@+=,.%~- "
                    + "without a trailing '/', got \"" + printable(path) + "\"");
        }
        for (String part : path.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new InvalidInputException(field + ": path must be normalised (no '.' or '..'), got \""
                        + printable(path) + "\"");
            }
        }
        return path.replace("%", "%%");
    }

    /** Newline, carriage return and NUL cannot appear on a unit-file line in any form niso accepts. */
    public static void requireRepresentable(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field + ": value is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                // The value itself is not echoed: environment values may be secrets.
                throw new InvalidInputException(field + ": " + (c == '\0' ? "NUL" : "line breaks")
                        + " cannot be represented in a systemd unit (at character " + (i + 1) + ")");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw new InvalidInputException(field + ": value is not valid Unicode (unpaired surrogate)");
                }
                i++;
            }
        }
    }

    private static String quote(String value, boolean doubleDollar) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\t' -> out.append("\\t");
                case '%' -> out.append("%%");
                case '$' -> out.append(doubleDollar ? "$$" : "$");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** For error messages: shows control characters instead of printing them raw. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() > 80 ? out.substring(0, 77) + "..." : out.toString();
    }
}
