package online.niso.common.pkg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .nisoignore} rules in gitignore syntax (pure): {@code *}, {@code ?}, {@code [...]} (with
 * {@code !}/{@code ^} negation), {@code **} (leading, trailing, middle), leading {@code /} or an
 * inner slash anchors to the project root, trailing {@code /} matches directories only, {@code !}
 * re-includes, {@code #} starts a comment, {@code \} escapes. The last matching rule wins. As in
 * git, a file inside an ignored directory cannot be re-included (the walker never descends there).
 */
public final class NisoIgnore {
    private record Rule(Pattern pattern, boolean negate, boolean dirOnly) {
    }

    public static final NisoIgnore EMPTY = new NisoIgnore(List.of());

    private final List<Rule> rules;

    private NisoIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    public static NisoIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String rawLine : text.split("\r?\n", -1)) {
            String line = trimTrailingSpaces(rawLine);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negate = false;
            if (line.startsWith("!")) {
                negate = true;
                line = line.substring(1);
            }
            boolean dirOnly = false;
            if (line.endsWith("/") && !line.endsWith("\\/")) {
                dirOnly = true;
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            boolean anchored = line.startsWith("/") || line.indexOf('/') >= 0 && !line.startsWith("**/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            String regex = (anchored ? "" : "(?:.*/)?") + toRegex(line);
            rules.add(new Rule(Pattern.compile(regex, Pattern.DOTALL), negate, dirOnly));
        }
        return new NisoIgnore(List.copyOf(rules));
    }

    /** {@code path} is relative to the project root, {@code /}-separated, without a trailing slash. */
    public boolean isIgnored(String path, boolean isDirectory) {
        boolean ignored = false;
        for (Rule r : rules) {
            if (r.dirOnly && !isDirectory) {
                continue;
            }
            if (r.pattern.matcher(path).matches()) {
                ignored = !r.negate;
            }
        }
        return ignored;
    }

    private static String trimTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ' && !(end > 1 && s.charAt(end - 2) == '\\')) {
            end--;
        }
        return s.substring(0, end);
    }

    static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            boolean segStart = i == 0 || glob.charAt(i - 1) == '/';
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && segStart
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    sb.append(".*");           // "dir/**": everything inside
                    i += 1;
                } else {
                    sb.append("(?:.*/)?");     // "**/x" or "a/**/b": zero or more directories
                    i += 2;
                }
            } else if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else if (c == '[') {
                int close = classEnd(glob, i);
                if (close < 0) {
                    sb.append("\\[");
                } else {
                    sb.append(charClass(glob.substring(i + 1, close)));
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    private static int classEnd(String glob, int open) {
        int j = open + 1;
        if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++; // a leading ']' is literal
        }
        for (; j < glob.length(); j++) {
            if (glob.charAt(j) == ']') {
                return j;
            }
        }
        return -1;
    }

    private static String charClass(String body) {
        StringBuilder sb = new StringBuilder("[");
        int start = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            sb.append('^');
            start = 1;
        }
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-' && i > start && i < body.length() - 1) {
                sb.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            } else {
                sb.append('\\').append(c);
            }
        }
        return sb.append("&&[^/]]").toString();
    }
}
