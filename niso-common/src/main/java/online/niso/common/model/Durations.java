package online.niso.common.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written "500ms", "30s", "5m", "1h30m", "2d": parts with units d, h, m, s, ms, largest
 * first, each unit at most once. Records hold plain {@link Duration}s.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("([0-9]{1,9})(ms|d|h|m|s)");
    private static final String[] ORDER = {"d", "h", "m", "s", "ms"};
    private static final String EXPECTED = "a duration like 500ms, 30s, 5m or 1h30m";

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text.isEmpty()) {
            throw InvalidValueException.expected(EXPECTED, text);
        }
        Matcher m = PART.matcher(text);
        int pos = 0;
        int lastUnit = -1;
        Duration total = Duration.ZERO;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw InvalidValueException.expected(EXPECTED, text);
            }
            int unit = java.util.Arrays.asList(ORDER).indexOf(m.group(2));
            if (unit <= lastUnit) {
                throw InvalidValueException.expected(EXPECTED + " (units largest first, each once)", text);
            }
            lastUnit = unit;
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
            pos = m.end();
        }
        return total;
    }

    /** The canonical niso spelling, e.g. {@code 1h30m}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            sb.append(days).append('d');
        }
        append(sb, d.toHoursPart(), "h");
        append(sb, d.toMinutesPart(), "m");
        append(sb, d.toSecondsPart(), "s");
        append(sb, d.toMillisPart(), "ms");
        return sb.toString();
    }

    /** A time span systemd accepts (TimeoutStopSec=, RestartSec=): whole seconds or milliseconds. */
    public static String toSystemd(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static void append(StringBuilder sb, long n, String unit) {
        if (n > 0) {
            sb.append(n).append(unit);
        }
    }
}
