package online.niso.common.pkg;

import java.util.regex.Pattern;
import online.niso.common.error.InvalidInputException;

/** {@code <name>-<version>-<arch>.niso}, with each part checked so it can never form a path. */
public final class PackageFileName {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9@][A-Za-z0-9._+~@-]*");

    private PackageFileName() {
    }

    public static String of(String name, String version, String arch) {
        check("name", name);
        check("version", version);
        check("arch", arch);
        return name + "-" + version + "-" + arch + Layout.EXTENSION;
    }

    private static void check(String what, String value) {
        if (value == null || value.length() > 128 || !PART.matcher(value).matches()) {
            throw new InvalidInputException("package " + what + " " + (value == null ? "missing" : "\"" + value + "\"")
                    + " cannot be used in a file name: expected letters, digits and . _ + ~ @ - (not starting with . or -)");
        }
    }
}
