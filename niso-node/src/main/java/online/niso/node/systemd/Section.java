package online.niso.node.systemd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@code [Name]} section: ordered entries, duplicate keys allowed (e.g. several BindPaths=). */
public record Section(String name, List<Entry> entries) {
    public Section {
        Objects.requireNonNull(name, "name");
        if (!Entry.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid section name: " + name);
        }
        entries = List.copyOf(entries);
    }

    /** Every value of {@code key}, in file order. */
    public List<String> values(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
    }

    /** The value systemd would use for a single-valued key: the last assignment wins. */
    public Optional<String> get(String key) {
        List<String> values = values(key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    public boolean has(String key) {
        return entries.stream().anyMatch(e -> e.key().equals(key));
    }
}
