package online.niso.node.systemd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A unit file as data: its file name (e.g. {@code niso-api.service}) and ordered sections. */
public record UnitFile(String name, List<Section> sections) {
    public UnitFile {
        Objects.requireNonNull(name, "name");
        sections = List.copyOf(sections);
    }

    public Optional<Section> section(String sectionName) {
        return sections.stream().filter(s -> s.name().equals(sectionName)).findFirst();
    }

    /** The section, or an {@link IllegalStateException} naming what is missing (for tests and callers that require it). */
    public Section require(String sectionName) {
        return section(sectionName).orElseThrow(
                () -> new IllegalStateException(name + " has no [" + sectionName + "] section"));
    }
}
