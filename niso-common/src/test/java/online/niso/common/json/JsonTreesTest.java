package online.niso.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonTrees} gives what the {@link Json} mapper gives: the same text for a tree (so files written before
 * keep their exact bytes) and the same tree for a text (node types included). Seeded random trees: 20 seeds ×
 * 200 trees.
 */
class JsonTreesTest {
    static final String[] STRINGS = {"", "a", "ünï", "日本", "🚀", "quote\"", "back\\slash", "line\nbreak", "\t\u0001",
            "\u2028", "</script>", "key", "Z", "aa", "a b"};

    static IntStream seeds() {
        return IntStream.range(0, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameTextAndSameTreesAsTheMapper(int seed) throws IOException {
        Random r = new Random(seed * 31L + 7);
        for (int i = 0; i < 200; i++) {
            JsonNode tree = tree(r, 0);
            String line = JsonTrees.line(tree);
            assertThat(line).isEqualTo(Json.line(tree));
            JsonNode back = JsonTrees.read(line);
            assertThat(back).isEqualTo(Json.mapper().readTree(line)).isEqualTo(tree);
            // Pretty-printed, in another key order: still read the same.
            String pretty = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            assertThat(JsonTrees.read(pretty)).isEqualTo(Json.mapper().readTree(pretty));
        }
    }

    private static JsonNode tree(Random r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = depth >= 4 ? 2 + r.nextInt(7) : r.nextInt(9);
        switch (kind) {
            case 0: {
                ObjectNode o = f.objectNode();
                for (int i = 0; i < r.nextInt(6); i++) {
                    o.set(STRINGS[r.nextInt(STRINGS.length)], tree(r, depth + 1));
                }
                return o;
            }
            case 1: {
                ArrayNode a = f.arrayNode();
                for (int i = 0; i < r.nextInt(5); i++) {
                    a.add(tree(r, depth + 1));
                }
                return a;
            }
            case 2:
                return f.textNode(STRINGS[r.nextInt(STRINGS.length)]);
            case 3:
                return f.numberNode(r.nextInt());
            case 4:
                return f.numberNode(r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(10) : (long) Integer.MIN_VALUE - 1);
            case 5:
                return f.numberNode(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(3 + r.nextInt(9))));
            case 6:
                return f.numberNode(r.nextDouble() * 1e6);
            case 7:
                return f.booleanNode(r.nextBoolean());
            default:
                return f.nullNode();
        }
    }

    @Test
    void emptyTextIsNoValueAndOnlyTheFirstValueIsRead() throws IOException {
        assertThat(JsonTrees.read("")).isNull();
        assertThat(JsonTrees.read("  \n")).isNull();
        assertThat(JsonTrees.read("{\"a\":1} trailing")).isEqualTo(Json.mapper().readTree("{\"a\":1} trailing"));
        assertThat(JsonTrees.read("{\"a\":1,\"a\":2}")).isEqualTo(Json.mapper().readTree("{\"a\":1,\"a\":2}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1,", "{\"a\"}", "{\"a\":}", "tru", "\"open", "{\"a\":1,}", "[1 2]", "\u0000", "}"})
    void malformedTextIsAnIoErrorAsWithTheMapper(String text) {
        assertThatThrownBy(() -> Json.mapper().readTree(text)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonTrees.read(text)).isInstanceOf(IOException.class);
    }
}
