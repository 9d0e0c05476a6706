package online.niso.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;

/**
 * The one JSON configuration for niso's machine-readable output. Keys are sorted so output is
 * deterministic and diffable; {@code --json} output is a versioned contract ({@code "schema": 1}).
 */
public final class Json {
    public static final int SCHEMA = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * One compact line: suitable for JSON-lines streams and for parsing by niso-fleet. Goes through a tree so
     * that every object's keys come out sorted, including properties Jackson orders on its own (record
     * components before interface defaults such as {@code schema}).
     */
    public static String line(Object value) {
        try {
            // A tree already is one (and sorts its keys on writing): no round trip through a token buffer.
            Object tree = value instanceof com.fasterxml.jackson.databind.JsonNode ? value : MAPPER.valueToTree(value);
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }
}
