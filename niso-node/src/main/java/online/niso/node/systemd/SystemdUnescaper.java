package online.niso.node.systemd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads values the way systemd 252 does, written from its sources (extract-word.c
 * {@code extract_first_word} with {@code EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE}, escape.c
 * {@code cunescape_one}, env-util.c {@code replace_env}) and independent of
 * {@link SystemdEscaping}, so tests can check that escaping round-trips.
 *
 * <p>Specifiers other than {@code %%} and variables other than {@code $$} are reported as errors:
 * niso output never contains them, so meeting one means escaping went wrong.
 */
public final class SystemdUnescaper {
    private static final String WHITESPACE = " \t\n\r";

    private SystemdUnescaper() {}

    /** An {@code ExecStart=} value → argv (argv[0] is the executable), as the process would receive it. */
    public static List<String> execCommandLine(String value) {
        List<String> words = splitWords(expandSpecifiers(value));
        List<String> argv = new ArrayList<>();
        for (String w : words) {
            argv.add(expandDollars(w));
        }
        return argv;
    }

    /** An {@code Environment=} value → its {@code KEY=value} assignments; {@code $} is literal there. */
    public static List<String> environment(String value) {
        List<String> out = new ArrayList<>();
        for (String w : splitWords(value)) {
            out.add(expandSpecifiers(w)); // config_parse_environ expands specifiers after unquoting
        }
        return out;
    }

    /** Specifier expansion where the only specifier allowed is {@code %%}. */
    public static String expandSpecifiers(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '%') {
                    out.append('%');
                    i++;
                } else {
                    throw new IllegalArgumentException("unexpected specifier at " + i + " in: " + s);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String expandDollars(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '$') {
                    out.append('$');
                    i++;
                    continue;
                }
                if (n == '{' || n == '_' || Character.isLetterOrDigit(n) && n < 0x80) {
                    throw new IllegalArgumentException("unexpected variable reference at " + i + " in: " + s);
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Repeated {@code extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE)} over whitespace separators. */
    public static List<String> splitWords(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        List<String> words = new ArrayList<>();
        int p = 0;
        while (true) {
            while (p < in.length && WHITESPACE.indexOf(in[p]) >= 0) {
                p++;
            }
            if (p >= in.length) {
                return words;
            }
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            byte quote = 0;
            while (p < in.length) {
                byte c = in[p];
                if (c == '\\') {
                    p = unescapeOne(in, p + 1, word);
                    continue;
                }
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.write(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (WHITESPACE.indexOf(c) >= 0) {
                    break;
                } else {
                    word.write(c);
                }
                p++;
            }
            if (quote != 0) {
                throw new IllegalArgumentException("unterminated quote in: " + s);
            }
            words.add(word.toString(StandardCharsets.UTF_8));
        }
    }

    /** {@code cunescape_one} at {@code in[p]} (just after a backslash); returns the index after the sequence. */
    private static int unescapeOne(byte[] in, int p, ByteArrayOutputStream out) {
        if (p >= in.length) {
            throw new IllegalArgumentException("trailing backslash");
        }
        char c = (char) in[p];
        switch (c) {
            case 'a' -> out.write(7);
            case 'b' -> out.write('\b');
            case 'f' -> out.write('\f');
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'v' -> out.write(11);
            case '\\', '"', '\'' -> out.write(c);
            case 's' -> out.write(' ');
            case 'x' -> {
                int v = hex(in, p + 1, 2);
                if (v == 0) {
                    throw new IllegalArgumentException("\\x00 is refused by systemd");
                }
                out.write(v);
                return p + 3;
            }
            case 'u', 'U' -> {
                int n = c == 'u' ? 4 : 8;
                int v = hex(in, p + 1, n);
                if (v == 0) {
                    throw new IllegalArgumentException("\\u0000 is refused by systemd");
                }
                byte[] enc = new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8);
                out.write(enc, 0, enc.length);
                return p + 1 + n;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int v = 0;
                    for (int i = 0; i < 3; i++) {
                        char d = p + i < in.length ? (char) in[p + i] : 'z';
                        if (d < '0' || d > '7') {
                            throw new IllegalArgumentException("bad octal escape");
                        }
                        v = v * 8 + (d - '0');
                    }
                    if (v == 0 || v > 255) {
                        throw new IllegalArgumentException("bad octal escape value");
                    }
                    out.write(v);
                    return p + 3;
                }
                throw new IllegalArgumentException("unknown escape sequence \\" + c);
            }
        }
        return p + 1;
    }

    private static int hex(byte[] in, int p, int n) {
        if (p + n > in.length) {
            throw new IllegalArgumentException("short hex escape");
        }
        return Integer.parseInt(new String(in, p, n, StandardCharsets.US_ASCII), 16);
    }
}
