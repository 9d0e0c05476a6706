package online.niso.common.model;

import java.util.List;

/** [package]: identity and descriptive metadata. */
public record PackageInfo(String name, Version version, String description, String license, List<String> authors) {
    public PackageInfo {
        Names.name(name);
        authors = List.copyOf(authors);
    }
}
