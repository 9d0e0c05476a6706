package online.niso.common.model;

/** A pinned package reference "name:version", e.g. "my-api:1.0.0", "postgres:16". */
public record PackageRef(String name, Version version) implements Comparable<PackageRef> {
    private static final String EXPECTED = "a package reference like my-api:1.0.0 (name:version; the version is required)";

    public PackageRef {
        Names.name(name);
    }

    public static PackageRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':')) {
            throw InvalidValueException.expected(EXPECTED, text);
        }
        String name = text.substring(0, colon);
        String version = text.substring(colon + 1);
        if (!Names.isName(name)) {
            throw InvalidValueException.expected(EXPECTED + " with a lowercase name", text);
        }
        try {
            return new PackageRef(name, Version.parse(version));
        } catch (InvalidValueException e) {
            throw InvalidValueException.expected(EXPECTED + " with a version like 1.0.0", text);
        }
    }

    // Written out, same meaning as the generated ones, whose first call bootstraps ObjectMethods during every
    // install (RecordEqualityTest keeps them complete).
    @Override
    public boolean equals(Object o) {
        return o instanceof PackageRef r && name.equals(r.name) && version.equals(r.version);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + version.hashCode();
    }

    @Override
    public int compareTo(PackageRef o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : version.compareTo(o.version);
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
