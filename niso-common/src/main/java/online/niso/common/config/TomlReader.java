package online.niso.common.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import online.niso.common.error.ConfigError;
import online.niso.common.error.ConfigException;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.Texts;
import java.util.Map;
import org.tomlj.TomlPosition;

/**
 * A cursor on one TOML table that knows its key path and source position, converts values to
 * typed ones, and records every problem instead of stopping at the first. Every key read (present
 * or not) becomes "known"; {@link #finish()} reports the rest as unknown keys, with a "did you
 * mean" suggestion from the known ones. All readers of one document share one error list.
 */
final class TomlReader {
    /** Parses a string into a value; throws InvalidValueException with a full user message. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final String file;
    private final TomlDocument document;
    private final List<ConfigError> errors;
    private final Map<String, Object> table;
    private final String path;
    /** Where this table is in the document (keys and array indices), for positions: see TomlDocument. */
    private final List<Object> segments;
    private final Set<String> known = new LinkedHashSet<>();
    private boolean anyKey;

    private TomlReader(String file, TomlDocument document, List<ConfigError> errors, Map<String, Object> table,
                       String path, List<Object> segments) {
        this.file = file;
        this.document = document;
        this.errors = errors;
        this.table = table;
        this.path = path;
        this.segments = segments;
    }

    /** The root reader, or a ConfigException listing every TOML syntax error. */
    static TomlReader parse(String file, String text) {
        TomlDocument document = TomlDocument.parse(file, text);
        return new TomlReader(file, document, new ArrayList<>(), document.root(), "", List.of());
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    List<ConfigError> errors() {
        return errors;
    }

    /** Throws one ConfigException carrying every error recorded so far, if any. */
    void throwIfErrors() {
        if (!errors.isEmpty()) {
            // A document tomlj calls invalid TOML is reported by its syntax errors only, as one Jackson refuses is.
            List<ConfigError> syntax = document.syntaxErrors(file);
            throw new ConfigException(syntax.isEmpty() ? errors.stream().distinct().toList() : syntax);
        }
    }

    String childPath(String key) {
        String k = BARE_KEY.matcher(key).matches() ? key : Texts.quote(key);
        return path.isEmpty() ? k : path + "." + k;
    }

    /** Keys present in this table, in file order. Does not mark them known. */
    List<String> keys() {
        return new ArrayList<>(table.keySet());
    }

    boolean has(String key) {
        known.add(key);
        return table.get(key) != null;
    }

    /** Accept any key here (free-form tables such as [environment] or [labels]). */
    void allowAnyKeys() {
        anyKey = true;
    }

    /** The document path of {@code key} in this table, then of element {@code index} when given. */
    private List<Object> at(String key, Integer... index) {
        List<Object> p = new ArrayList<>(segments.size() + 1 + index.length);
        p.addAll(segments);
        p.add(key);
        p.addAll(List.of(index));
        return p;
    }

    void error(String key, String message) {
        add(at(key), childPath(key), message);
    }

    void errorHere(String message) {
        add(segments, path, message);
    }

    /** Finding the position is what loads tomlj, so it happens only here, when there is an error to report. */
    private void add(List<Object> where, String keyPath, String message) {
        TomlPosition p = document.position(where);
        errors.add(new ConfigError(file, p == null ? 0 : p.line(), p == null ? 0 : p.column(), keyPath, message));
    }

    Object raw(String key) {
        known.add(key);
        return table.get(key);
    }

    Optional<String> string(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            error(key, "expected a string, got " + describe(v));
            return Optional.empty();
        }
        return singleLine(key, s);
    }

    private Optional<String> singleLine(String key, String s) {
        if (!Texts.isSingleLine(s)) {
            error(key, "expected a single line without control characters (values end up in systemd unit files), got "
                    + Texts.quote(s));
            return Optional.empty();
        }
        return Optional.of(s);
    }

    Optional<String> requiredString(String key) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        return string(key);
    }

    void missing(String key) {
        add(segments, childPath(key), "required key is missing");
    }

    void missingTable(String key) {
        add(segments, childPath(key), "required section [" + childPath(key) + "] is missing");
    }

    /** A string converted by {@code parser}; {@code expected} describes it when the type is wrong. */
    <T> Optional<T> value(String key, String expected, Parser<T> parser) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            error(key, "expected " + expected + ", got " + describe(v));
            return Optional.empty();
        }
        return convert(key, s, parser);
    }

    <T> Optional<T> requiredValue(String key, String expected, Parser<T> parser) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        return value(key, expected, parser);
    }

    private <T> Optional<T> convert(String key, String s, Parser<T> parser) {
        if (singleLine(key, s).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(s));
        } catch (InvalidValueException e) {
            error(key, e.getMessage());
            return Optional.empty();
        }
    }

    Optional<Long> integer(String key, long min, long max) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Long n)) {
            error(key, "expected a whole number from " + min + " to " + max + ", got " + describe(v));
            return Optional.empty();
        }
        if (n < min || n > max) {
            error(key, "expected a whole number from " + min + " to " + max + ", got " + n);
            return Optional.empty();
        }
        return Optional.of(n);
    }

    Optional<Boolean> bool(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            error(key, "expected true or false, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(b);
    }

    Optional<List<String>> strings(String key) {
        return list(key, "a string", s -> s);
    }

    /** An array of strings, each converted; elements are reported as key[i]. */
    <T> Optional<List<T>> list(String key, String expected, Parser<T> parser) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof List<?> arr)) {
            error(key, "expected an array of " + plural(expected) + ", got " + describe(v));
            return Optional.empty();
        }
        // Valid elements are returned even when others failed (their errors are recorded), so that
        // cross-field rules still see them and report their problems in the same run.
        List<T> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            Object e = arr.get(i);
            String elementPath = childPath(key) + "[" + i + "]";
            if (!(e instanceof String s)) {
                add(at(key, i), elementPath, "expected " + expected + ", got " + describe(e));
                continue;
            }
            if (!Texts.isSingleLine(s)) {
                add(at(key, i), elementPath, "expected a single line without control characters, got "
                        + Texts.quote(s));
                continue;
            }
            try {
                out.add(parser.parse(s));
            } catch (InvalidValueException ex) {
                add(at(key, i), elementPath, ex.getMessage());
            }
        }
        return Optional.of(out);
    }

    private static String plural(String expected) {
        return expected.startsWith("a ") ? expected.substring(2) + "s" : expected;
    }

    Optional<TomlReader> table(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> t)) {
            error(key, "expected a table, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(new TomlReader(file, document, errors, table(t), childPath(key), at(key)));
    }

    /** An array of tables ([[key]] or key = [{...}]); elements are reported as key[i]. */
    List<TomlReader> tables(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> arr)) {
            error(key, "expected an array of tables ([[" + key + "]]), got " + describe(v));
            return List.of();
        }
        List<TomlReader> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            Object e = arr.get(i);
            String elementPath = childPath(key) + "[" + i + "]";
            if (e instanceof Map<?, ?> t) {
                out.add(new TomlReader(file, document, errors, table(t), elementPath, at(key, i)));
            } else {
                add(at(key, i), elementPath, "expected a table, got " + describe(e));
            }
        }
        return out;
    }

    /** Runs a record construction, reporting a rule the record enforces as an error at key. */
    <T> Optional<T> build(String key, Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (InvalidValueException e) {
            if (key.isEmpty()) {
                errorHere(e.getMessage());
            } else {
                error(key, e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Reports keys that no getter asked for. Call once all of this table's keys were read. */
    void finish() {
        if (anyKey) {
            return;
        }
        for (String key : table.keySet()) {
            if (known.contains(key)) {
                continue;
            }
            Optional<String> hint = Texts.closest(key, known);
            error(key, "unknown key " + Texts.quote(key) + hint.map(h -> " (did you mean " + Texts.quote(h) + "?)")
                    .orElse(known.isEmpty() ? "" : "; expected one of: " + String.join(", ", new TreeSet<>(known))));
        }
    }

    /** TomlDocument builds tables as {@code Map<String, Object>}; the pattern match above cannot say so. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Map<?, ?> t) {
        return (Map<String, Object>) t;
    }

    static String describe(Object v) {
        if (v instanceof String s) {
            return Texts.quote(s);
        }
        if (v instanceof Long n) {
            return "an integer (" + n + ")";
        }
        if (v instanceof Double d) {
            return "a float (" + d + ")";
        }
        if (v instanceof Boolean b) {
            return "a boolean (" + b + ")";
        }
        if (v instanceof OffsetDateTime || v instanceof LocalDateTime) {
            return "a date-time (" + v + ")";
        }
        if (v instanceof LocalDate) {
            return "a date (" + v + ")";
        }
        if (v instanceof LocalTime) {
            return "a time (" + v + ")";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Map) {
            return "a table";
        }
        return "a " + v.getClass().getSimpleName();
    }
}
