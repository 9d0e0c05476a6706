package online.niso.common.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host count ({@code 2}) or a share of hosts ({@code "25%"}), as in max_parallel and canary. */
public record CountOrPercent(int value, boolean percent) {
    private static final Pattern PERCENT = Pattern.compile("([0-9]{1,3})%");

    public CountOrPercent {
        if (value < 1 || (percent && value > 100)) {
            throw new InvalidValueException(percent ? "a percentage must be 1%..100%" : "a count must be at least 1");
        }
    }

    public static CountOrPercent count(int n) {
        return new CountOrPercent(n, false);
    }

    public static CountOrPercent parsePercent(String text) {
        Matcher m = PERCENT.matcher(text);
        int n = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (n < 1 || n > 100) {
            throw InvalidValueException.expected("a host count like 2 or a percentage like 25%", text);
        }
        return new CountOrPercent(n, true);
    }

    /** Hosts out of {@code total}: percentages round up so at least one host is picked. */
    public int of(int total) {
        if (total <= 0) {
            return 0;
        }
        int n = percent ? (int) Math.ceil(total * value / 100.0) : value;
        return Math.max(1, Math.min(total, n));
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
