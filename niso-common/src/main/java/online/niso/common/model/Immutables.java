package online.niso.common.model;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Defensive copies for records: sorted, so anything rendered from them is deterministic. */
final class Immutables {
    private Immutables() {
    }

    static <V> SortedMap<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    static SortedSet<String> sorted(Set<String> s) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(s));
    }
}
