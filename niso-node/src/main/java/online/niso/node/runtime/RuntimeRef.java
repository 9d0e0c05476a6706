package online.niso.node.runtime;

import java.util.regex.Pattern;
import online.niso.common.error.InvalidInputException;

/** A runtime name and version as written in {@code [runtime] use = "nodejs:20"}. */
public record RuntimeRef(String name, String version) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");

    public RuntimeRef {
        if (!NAME.matcher(name).matches() || name.length() > 63) {
            throw new InvalidInputException("runtime name: expected lowercase letters, digits and '-', got \""
                    + name + "\"");
        }
        if (!VERSION.matcher(version).matches() || version.contains("..")) {
            throw new InvalidInputException("runtime version: expected something like 20 or 3.11, got \""
                    + version + "\"");
        }
    }

    public static RuntimeRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidInputException("runtime: expected NAME:VERSION like nodejs:20, got \"" + text + "\"");
        }
        return new RuntimeRef(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
