package online.niso.common.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import online.niso.common.error.ConfigError;
import online.niso.common.error.ConfigException;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One TOML document: its values, read by jackson-dataformat-toml, and the source positions of its keys, found
 * by tomlj only when an error needs one.
 *
 * <p>Why two parsers: tomlj knows where every key and array element is and reports every syntax error of a file
 * at once, but its first parse in a JVM costs ~40 ms (it warms a shaded ANTLR's tables); Jackson's parser reads
 * the same document in ~3 ms. The {@code niso activate} a fleet rollout runs on each host uses ~3% less CPU for
 * it (BENCHMARKS.md). A valid file, the common case, is therefore never seen by tomlj; an invalid one is read by both,
 * with tomlj's messages and positions. TomlParsersAgreeTest checks that the two accept the same documents and
 * read the same values; where they do not (nesting deeper than tomlj's 128 levels), niso reports tomlj's
 * syntax errors, as before.
 *
 * <p>Values are plain Java: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, the java.time types
 * of TOML's dates and times, {@code List} for arrays and {@code Map} (in file order) for tables.
 */
final class TomlDocument {
    private static final TomlFactory FACTORY = TomlFactory.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private final String text;
    private final Map<String, Object> root;
    private TomlParseResult tomljResult;

    private TomlDocument(String text, Map<String, Object> root) {
        this.text = text;
        this.root = root;
    }

    /** The document, or a ConfigException listing every syntax error with its position. */
    static TomlDocument parse(String file, String text) {
        Map<String, Object> root;
        try (JsonParser p = FACTORY.createParser(text)) {
            root = table(p, p.nextToken());
        } catch (IOException | RuntimeException jacksonError) {
            throw new ConfigException(refusal(file, text, jacksonError));
        }
        return new TomlDocument(text, root);
    }

    Map<String, Object> root() {
        return root;
    }

    /**
     * Where the value at {@code path} (keys and array indices from the root) is written: the deepest position
     * along the path that the file has, since implicit tables ({@code [a.b]} defines {@code a} without writing
     * it) and some array elements have none of their own. Null when nothing on the path has one.
     */
    TomlPosition position(List<Object> path) {
        TomlPosition found = null;
        Object current = tomlj();
        for (Object segment : path) {
            TomlPosition p = null;
            Object next = null;
            try {
                if (segment instanceof String key && current instanceof TomlTable t) {
                    p = t.inputPositionOf(List.of(key));
                    next = t.get(List.of(key));
                } else if (segment instanceof Integer i && current instanceof TomlArray a && i < a.size()) {
                    p = a.inputPositionOf(i);
                    next = a.get(i);
                }
            } catch (RuntimeException e) {
                // tomlj has no position for some implicit tables: keep the enclosing one
            }
            if (p != null) {
                found = p;
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        return found;
    }

    private TomlParseResult tomlj() {
        if (tomljResult == null) {
            try {
                tomljResult = Toml.parse(text);
            } catch (RuntimeException e) {
                // A tomlj bug on hostile input costs the positions, not the run: the errors are still reported.
                tomljResult = Toml.parse("");
            }
        }
        return tomljResult;
    }

    /**
     * tomlj's syntax errors in a document Jackson read: none, but for the rare document only one of them refuses —
     * tables and arrays nested more than 128 deep, which tomlj refuses and Jackson reads up to 1,000. Asked only
     * once a document has other errors (see TomlReader.throwIfErrors), so a valid file never loads tomlj.
     */
    List<ConfigError> syntaxErrors(String file) {
        return errors(file, tomlj());
    }

    /**
     * All of tomlj's syntax errors (it recovers and goes on). Jackson stops at the first, so its error is only
     * the answer when tomlj finds none: the two disagree, and the document is refused anyway.
     */
    private static List<ConfigError> refusal(String file, String text, Exception jacksonError) {
        List<ConfigError> syntax;
        try {
            syntax = new ArrayList<>(errors(file, Toml.parse(text)));
        } catch (RuntimeException e) {
            // A parser bug on hostile input still surfaces as a configuration error, not a crash.
            return List.of(new ConfigError(file, 0, 0, "", "cannot parse TOML: " + e));
        }
        if (syntax.isEmpty()) {
            int line = 0;
            int column = 0;
            String msg = jacksonError.getMessage() == null ? jacksonError.toString() : jacksonError.getMessage();
            if (jacksonError instanceof StreamReadException s && s.getLocation() != null) {
                JsonLocation at = s.getLocation();
                line = Math.max(0, at.getLineNr());
                column = Math.max(0, at.getColumnNr());
                msg = s.getOriginalMessage();
            }
            syntax.add(new ConfigError(file, line, column, "", "invalid TOML: " + msg));
        }
        return syntax;
    }

    private static List<ConfigError> errors(String file, TomlParseResult result) {
        List<ConfigError> syntax = new ArrayList<>();
        for (var e : result.errors()) {
            TomlPosition p = e.position();
            String msg = e.getMessage() == null ? "syntax error" : e.getMessage();
            syntax.add(new ConfigError(file, p == null ? 0 : p.line(), p == null ? 0 : p.column(), "",
                    "invalid TOML: " + msg));
        }
        return syntax;
    }

    private static Map<String, Object> table(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw new IOException("a TOML document is a table, got " + start);
        }
        Map<String, Object> table = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            table.put(key, value(p, p.nextToken()));
        }
        return table;
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT:
                return table(p, t);
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    array.add(value(p, e));
                }
                return array;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    // TOML integers are 64-bit; tomlj refuses larger ones as a syntax error, and so does niso.
                    throw new IOException("integer out of range: " + p.getText());
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_EMBEDDED_OBJECT:
                return p.getEmbeddedObject();
            default:
                throw new IOException("unexpected " + t + " in a TOML document");
        }
    }
}
