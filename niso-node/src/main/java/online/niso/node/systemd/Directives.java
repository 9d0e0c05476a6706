package online.niso.node.systemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered key → values map used while composing a section: presets {@link #set} keys,
 * overrides replace them, and {@link #entries()} keeps first-insertion order so output is stable.
 */
final class Directives {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /** Replace every value of {@code key} with {@code value}. */
    Directives set(String key, String value) {
        List<String> list = new ArrayList<>();
        list.add(value);
        values.put(key, list);
        return this;
    }

    /** Append another line for {@code key} (BindPaths=, SystemCallFilter=, ...). */
    Directives add(String key, String value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return this;
    }

    Directives remove(String key) {
        values.remove(key);
        return this;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Directives addAll(Directives other) {
        other.values.forEach((k, v) -> v.forEach(value -> add(k, value)));
        return this;
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        values.forEach((k, v) -> v.forEach(value -> out.add(new Entry(k, value))));
        return out;
    }
}
