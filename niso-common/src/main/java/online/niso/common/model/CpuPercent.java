package online.niso.common.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU quota in percent of one core: "200%" = two cores (systemd CPUQuota=). */
public record CpuPercent(int percent) {
    public static final int MAX = 100_000;
    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})%");

    public CpuPercent {
        if (percent < 1 || percent > MAX) {
            throw new InvalidValueException("CPU percent must be 1.." + MAX + ", got " + percent);
        }
    }

    public static CpuPercent parse(String text) {
        Matcher m = FORM.matcher(text);
        int n = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (n < 1 || n > MAX) {
            throw InvalidValueException.expected("a CPU share like 200% (100% = one core, 1% to " + MAX + "%)", text);
        }
        return new CpuPercent(n);
    }

    public String toSystemd() {
        return percent + "%";
    }

    @Override
    public String toString() {
        return toSystemd();
    }
}
