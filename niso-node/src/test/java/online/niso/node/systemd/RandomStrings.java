package online.niso.node.systemd;

import java.util.Random;

/** Seeded generators of awkward strings for property-style tests (no newline, CR or NUL). */
final class RandomStrings {
    /** Characters systemd's parsers treat specially, weighted so they appear often. */
    private static final String SPECIAL = "%$\\\"' \t;#{}()`=:,*?![]&|<>~@-/.";
    private static final String[] UNICODE = {"é", "ü", "✓", "日本", "😀", "\u00a0", "\u2028"};

    private RandomStrings() {}

    /** Any string systemd can carry on one line: printable ASCII, specials, controls, Unicode. */
    static String anyRepresentable(Random r, int maxLen, boolean allowControl) {
        int len = r.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < len) {
            int kind = r.nextInt(10);
            if (kind < 4) {
                sb.append(SPECIAL.charAt(r.nextInt(SPECIAL.length())));
            } else if (kind < 8) {
                sb.append((char) (0x20 + r.nextInt(0x7f - 0x20)));
            } else if (kind == 8) {
                sb.append(UNICODE[r.nextInt(UNICODE.length)]);
            } else if (allowControl) {
                char c;
                do {
                    c = (char) (1 + r.nextInt(0x1f));
                } while (c == '\n' || c == '\r');
                sb.append(r.nextBoolean() ? c : '\u007f');
            } else {
                sb.append('\t');
            }
        }
        return sb.toString();
    }

    static String envName(Random r) {
        String first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
        String rest = first + "0123456789";
        StringBuilder sb = new StringBuilder().append(first.charAt(r.nextInt(first.length())));
        int len = r.nextInt(12);
        for (int i = 0; i < len; i++) {
            sb.append(rest.charAt(r.nextInt(rest.length())));
        }
        return sb.toString();
    }
}
