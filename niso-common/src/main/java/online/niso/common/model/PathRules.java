package online.niso.common.model;

import java.util.ArrayList;
import java.util.List;

/** Path rules: absolute host/mount paths and relative paths inside a package, both normalised. */
public final class PathRules {
    private PathRules() {
    }

    /** "/data//x/" → "/data/x"; refuses relative paths and any ".." segment. */
    public static String absolute(String text) {
        if (!text.startsWith("/") || !Texts.isSingleLine(text) || text.length() > 4096) {
            throw InvalidValueException.expected("an absolute path like /data", text);
        }
        List<String> segs = segments(text);
        if (segs == null) {
            throw InvalidValueException.expected("an absolute path without \"..\" segments", text);
        }
        return "/" + String.join("/", segs);
    }

    /** A relative path that stays inside the package: "scripts/migrate.sh", never "../x" or "/x". */
    public static String insidePackage(String text) {
        if (text.startsWith("/") || !Texts.isSingleLine(text) || text.length() > 4096) {
            throw InvalidValueException.expected("a relative path inside the package like scripts/migrate.sh", text);
        }
        List<String> segs = segments(text);
        if (segs == null || segs.isEmpty()) {
            throw InvalidValueException.expected("a relative path inside the package without \"..\" segments", text);
        }
        return String.join("/", segs);
    }

    private static List<String> segments(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("/")) {
            if (s.equals("..")) {
                return null;
            }
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }
}
