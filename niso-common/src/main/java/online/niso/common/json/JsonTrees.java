package online.niso.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * JSON trees read and written with jackson-core's streaming parser and generator only, for niso's small state
 * files (derived manifests, service definitions, the repair journal). Building the {@link Json} ObjectMapper
 * is most of what JSON costs a short-lived run (tens of ms in a cold JVM: serializer and type factories, date
 * formats, locales); a text-mode {@code niso activate} now never builds it. Same results as the mapper: trees
 * equal to {@code readTree}'s (same node types), text equal to {@link Json#line} of a tree (one line, keys
 * sorted) — see JsonTreesTest.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The first JSON value in {@code text} (like the mapper, what follows it is not read); null when none. */
    public static JsonNode read(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            return t == null ? null : value(p, t);
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
        }
    }

    /** The error for a value of the wrong shape in a state file: the key, what was expected, what was found. */
    public static IllegalArgumentException wrongShape(String key, String expected, JsonNode found) {
        return new IllegalArgumentException(key + ": expected " + expected + ", found "
                + found.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }

    /** One line, every object's keys sorted: the same text as {@link Json#line} gives for the tree. */
    public static String line(JsonNode tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT: {
                List<String> keys = new ArrayList<>();
                n.fieldNames().forEachRemaining(keys::add);
                Collections.sort(keys);
                g.writeStartObject();
                for (String k : keys) {
                    g.writeFieldName(k);
                    write(g, n.get(k));
                }
                g.writeEndObject();
                return;
            }
            case ARRAY: {
                g.writeStartArray();
                for (Iterator<JsonNode> it = n.elements(); it.hasNext();) {
                    write(g, it.next());
                }
                g.writeEndArray();
                return;
            }
            case STRING:
                g.writeString(n.textValue());
                return;
            case NUMBER:
                if (n.isInt()) {
                    g.writeNumber(n.intValue());
                } else if (n.isLong()) {
                    g.writeNumber(n.longValue());
                } else if (n.isBigInteger()) {
                    g.writeNumber(n.bigIntegerValue());
                } else if (n.isBigDecimal()) {
                    g.writeNumber(n.decimalValue());
                } else if (n.isFloat()) {
                    g.writeNumber(n.floatValue());
                } else if (n.isShort()) {
                    g.writeNumber(n.shortValue());
                } else {
                    g.writeNumber(n.doubleValue());
                }
                return;
            case BOOLEAN:
                g.writeBoolean(n.booleanValue());
                return;
            case NULL:
                g.writeNull();
                return;
            default:
                throw new IllegalArgumentException("cannot write a " + n.getNodeType() + " node");
        }
    }
}
