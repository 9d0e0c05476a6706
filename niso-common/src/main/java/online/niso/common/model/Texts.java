package online.niso.common.model;

/** Small helpers for user-facing strings and for text that ends up in unit files. */
public final class Texts {
    private Texts() {
    }

    /** Quotes and escapes a value for an error message, so newlines and NULs stay visible. */
    public static String quote(String raw) {
        StringBuilder sb = new StringBuilder("\"");
        String s = raw.length() > 80 ? raw.substring(0, 77) + "..." : raw;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * True when the text can go on one line of a systemd unit file: a newline would start a new
     * directive (an injection), a NUL truncates it. Other control characters are refused too.
     */
    public static boolean isSingleLine(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Levenshtein distance, for "did you mean" suggestions. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The closest candidate when it is plausibly a typo (distance ≤ 2, or ≤ a third of the length). */
    public static java.util.Optional<String> closest(String input, java.util.Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates.stream().sorted().toList()) {
            int d = editDistance(input.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(2, input.length() / 3) && bestDistance < input.length()) {
            return java.util.Optional.of(best);
        }
        return java.util.Optional.empty();
    }
}
