package online.niso.node.activate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import online.niso.common.json.JsonTrees;

/**
 * Reads and writes niso's small state files (service definitions, the repair journal) through Jackson's tree
 * model instead of data binding: binding builds a (de)serializer by introspecting each record on first use,
 * which costs a short-lived {@code niso} run more than the whole file; and through {@link JsonTrees} (jackson-core's
 * streaming parser and generator), so that a run that only reads and writes these never builds the ObjectMapper
 * either. Written one line, keys sorted (as {@code Json.line} would). Readers throw
 * {@link IllegalArgumentException} naming the key that has the wrong shape.
 */
final class JsonTree {
    private JsonTree() {}

    static ObjectNode object() {
        return JsonTrees.object();
    }

    /** The JSON object in {@code text}. */
    static JsonNode parseObject(String text) throws IOException {
        JsonNode node = JsonTrees.read(text);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return node;
    }

    /** The string at {@code key}; null when absent or null. */
    static String text(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw JsonTrees.wrongShape(key, "a string", n);
        }
        return n.textValue();
    }

    static boolean bool(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw JsonTrees.wrongShape(key, "true or false", n);
        }
        return n.booleanValue();
    }

    /** The array of strings at {@code key}; empty when absent or null. */
    static List<String> strings(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw JsonTrees.wrongShape(key, "an array of strings", n);
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw JsonTrees.wrongShape(key, "an array of strings", e);
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** The object at {@code key} (in file order); empty when absent or null. */
    static Map<String, JsonNode> objectMembers(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw JsonTrees.wrongShape(key, "an object", n);
        }
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The object of strings at {@code key}; empty when absent or null. */
    static Map<String, String> stringMembers(JsonNode obj, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        objectMembers(obj, key).forEach((k, v) -> {
            if (!v.isTextual()) {
                throw JsonTrees.wrongShape(key + "." + k, "a string", v);
            }
            out.put(k, v.textValue());
        });
        return out;
    }

    static ObjectNode putStrings(ObjectNode obj, String key, List<String> values) {
        values.forEach(obj.putArray(key)::add);
        return obj;
    }

    static ObjectNode putStringMembers(ObjectNode obj, String key, Map<String, String> values) {
        ObjectNode m = obj.putObject(key);
        values.forEach(m::put);
        return obj;
    }
}
