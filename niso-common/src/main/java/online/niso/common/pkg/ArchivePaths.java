package online.niso.common.pkg;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;

/**
 * The path rules shared by pack and extract (pure). A member path is relative, {@code /}-separated,
 * has no empty, {@code .} or {@code ..} component, no control characters or backslashes (so every
 * path has exactly one spelling in checksums.sha256 and the statement), and bounded lengths.
 */
public final class ArchivePaths {
    public static final int MAX_PATH_BYTES = 4096;
    public static final int MAX_COMPONENT_BYTES = 255;

    /** Sort by UTF-8 bytes, so order never depends on the JVM's UTF-16 collation or the filesystem. */
    public static final Comparator<String> BYTE_ORDER = ArchivePaths::compareUtf8;

    private ArchivePaths() {
    }

    /**
     * UTF-8 byte order without encoding: it equals code point order, which differs from String's
     * UTF-16 order only when a surrogate (a code point above U+FFFF) meets a char in U+E000..U+FFFF.
     */
    static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx == sy) {
                    return x - y;
                }
                return sx ? 1 : -1;
            }
        }
        return a.length() - b.length();
    }

    private static int utf8Length(String s) {
        int len = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                len += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // surrogate pair: 2 chars → 4 bytes
            }
        }
        return len;
    }

    /** Why {@code path} is not an acceptable member path, or empty when it is. */
    public static Optional<String> problem(String path, int maxPathBytes) {
        if (path.isEmpty()) {
            return Optional.of("empty path");
        }
        if (utf8Length(path) > maxPathBytes) {
            return Optional.of("path longer than " + maxPathBytes + " bytes");
        }
        if (path.startsWith("/")) {
            return Optional.of("absolute path");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) {
                return Optional.of("NUL in path");
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("control character in path");
            }
            if (c == '\\') {
                return Optional.of("backslash in path");
            }
            if (c == '\uFFFD') {
                return Optional.of("path is not valid UTF-8");
            }
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty()) {
                return Optional.of("empty path component");
            }
            if (part.equals("..")) {
                return Optional.of("'..' in path");
            }
            if (part.equals(".")) {
                return Optional.of("'.' component in path");
            }
            if (part.length() > MAX_COMPONENT_BYTES / 3 && utf8Length(part) > MAX_COMPONENT_BYTES) {
                return Optional.of("path component longer than " + MAX_COMPONENT_BYTES + " bytes");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> problem(String path) {
        return problem(path, MAX_PATH_BYTES);
    }

    /**
     * Why a symlink at {@code linkPath} pointing to {@code target} could escape the package root,
     * or empty when it cannot. Accepted targets are relative: zero or more leading {@code ..}
     * followed only by plain names, and never more {@code ..} than the link's directory depth.
     * Lexically checking {@code a/../..} is NOT enough once earlier symlinks exist ({@code l/..}
     * where {@code l -> ..}); with this shape every hop stays inside by induction, because the
     * {@code ..}s only climb real directories (members never go through a symlink).
     */
    public static Optional<String> symlinkProblem(String linkPath, String target) {
        if (target.isEmpty()) {
            return Optional.of("symlink with empty target");
        }
        if (target.startsWith("/")) {
            return Optional.of("symlink to an absolute path (" + target + ")");
        }
        if (target.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return Optional.of("symlink target too long");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '\uFFFD') {
                return Optional.of("control character, backslash or invalid UTF-8 in symlink target");
            }
        }
        int depth = linkPath.split("/", -1).length - 1;
        int ups = 0;
        boolean names = false;
        for (String part : target.split("/", -1)) {
            if (part.equals("..")) {
                if (names) {
                    return Optional.of("symlink target has '..' after a name (" + target + ")");
                }
                ups++;
            } else if (part.isEmpty() || part.equals(".")) {
                return Optional.of("symlink target has an empty or '.' component (" + target + ")");
            } else {
                names = true;
            }
        }
        if (ups > depth) {
            return Optional.of("symlink escapes the package root (" + target + ")");
        }
        return Optional.empty();
    }
}
