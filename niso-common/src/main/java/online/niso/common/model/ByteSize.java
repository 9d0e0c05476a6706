package online.niso.common.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes, written "512M", "1G" (base 1024, as systemd reads it). */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,18})([KMGT]?)");
    private static final String SUFFIXES = "KMGT";

    public ByteSize {
        if (bytes < 0) {
            throw new InvalidValueException("a size cannot be negative: " + bytes);
        }
    }

    public static ByteSize parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw InvalidValueException.expected("a size like 512M", text);
        }
        long n = Long.parseLong(m.group(1));
        int shift = m.group(2).isEmpty() ? 0 : 10 * (SUFFIXES.indexOf(m.group(2)) + 1);
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw InvalidValueException.expected("a size like 512M (at most 8388607T)", text);
        }
        return new ByteSize(n << shift);
    }

    /** The shortest exact form with a K/M/G/T suffix, as accepted by systemd's MemoryMax= etc. */
    public String toSystemd() {
        if (bytes == 0) {
            return "0";
        }
        long n = bytes;
        int unit = -1;
        while (unit < 3 && n % 1024 == 0) {
            n /= 1024;
            unit++;
        }
        return unit < 0 ? Long.toString(n) : n + String.valueOf(SUFFIXES.charAt(unit));
    }

    @Override
    public int compareTo(ByteSize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return toSystemd();
    }
}
