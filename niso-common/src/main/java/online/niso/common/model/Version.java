package online.niso.common.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A package version: dot-separated numbers with an optional pre-release ("1.0.0", "16",
 * "1.2.3-rc.1"). Ordered like semver (numbers numerically, missing parts as 0, a pre-release
 * before its release); ties between spellings such as "16" and "16.0" are broken by the text so
 * that ordering stays consistent with equals. Versions become directory names, hence the charset.
 */
public record Version(String text) implements Comparable<Version> {
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    private static final Pattern FORM = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,5}(-[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*)?");

    public Version {
        if (text.length() > 64 || !FORM.matcher(text).matches()) {
            throw InvalidValueException.expected("a version like 1.0.0, 16 or 1.2.3-rc.1", text);
        }
    }

    public static Version parse(String text) {
        return new Version(text);
    }

    private List<Long> numbers() {
        List<Long> out = new ArrayList<>();
        for (String p : release().split("\\.")) {
            out.add(Long.parseLong(p));
        }
        return out;
    }

    private String release() {
        int dash = text.indexOf('-');
        return dash < 0 ? text : text.substring(0, dash);
    }

    public String preRelease() {
        int dash = text.indexOf('-');
        return dash < 0 ? "" : text.substring(dash + 1);
    }

    @Override
    public int compareTo(Version o) {
        List<Long> a = numbers();
        List<Long> b = o.numbers();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = Long.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        int c = comparePre(preRelease(), o.preRelease());
        return c != 0 ? c : text.compareTo(o.text);
    }

    private static int comparePre(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() == b.isEmpty() ? 0 : (a.isEmpty() ? 1 : -1);
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = NUMERIC.matcher(x[i]).matches();
            boolean yn = NUMERIC.matcher(y[i]).matches();
            int c;
            if (xn && yn) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else if (xn != yn) {
                c = xn ? -1 : 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    // Written out, same meaning as the generated ones, whose first call bootstraps ObjectMethods during every
    // install (RecordEqualityTest keeps them complete).
    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && text.equals(v.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
