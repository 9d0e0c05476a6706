package online.niso.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import online.niso.common.error.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * niso reads TOML with jackson-dataformat-toml and asks tomlj only for error positions and syntax errors
 * (TomlDocument). That is only sound while the two accept the same documents and read the same values: checked
 * here on every TOML file in the repository, on documents covering TOML's syntax, and on ~20,000 seeded random
 * garblings of them.
 */
class TomlParsersAgreeTest {
    /** One line per TOML feature niso's files use or a user may write. */
    static final String SYNTAX = """
            plain = "basic \\"escaped\\" \\u00e9 \\t tab"
            literal = 'C:\\no\\escapes'
            multi = \"\"\"
            first line
              second \\
              joined\"\"\"
            multi_literal = '''
            raw ''text'' here'''
            dec = 1_000_000
            neg = -17
            pos = +17
            pos_float = +1.5
            under_float = 224_617.445_991
            hex = 0xdead_beef
            oct = 0o755
            bin = 0b1101
            max = 9223372036854775807
            min = -9223372036854775808
            float = 6.626e-34
            float2 = -0.5
            float3 = 1e10
            special = [inf, -inf, nan, +inf]
            yes = true
            no = false
            odt = 1979-05-27T07:32:00-08:00
            odt_frac = 1979-05-27T00:32:00.999999Z
            ldt = 1979-05-27T07:32:00
            ld = 1979-05-27
            lt = 00:32:00.5
            space_dt = 1979-05-27 07:32:00Z
            mixed = [1, "two", 3.0, [4], { five = 5 }]
            nested = [[1, 2], ["a", "b"]]
            trailing = [1, 2, 3,]
            multiline_array = [
              "a", # a comment
              "b",
            ]
            inline = { x = 1, y.z = "dotted", "quoted key" = true }
            dotted.key.path = "value"
            "quoted"."path" = 1
            'single'.path = 2
            bare-key_1 = 3
            1234 = "numeric key"
            empty_inline = {}
            empty_array = []

            [table]
            a = 1

            [table.sub]
            b = 2

            [implicit.parent.child]
            c = 3

            [[aot]]
            name = "first"
            [aot.sub]
            deep = true

            [[aot]]
            name = "second"
            [[aot.inner]]
            k = 1
            [[aot.inner]]
            k = 2

            [ spaced . header ]
            x = "y"
            """;

    /** A basic string with an escape TOML 1.1 added ("\\e", "\\xHH"): tomlj reads it, TOML 1.0 does not. */
    static final Pattern TOML_1_1_ESCAPE = Pattern.compile("\"[^\"\\n]*\\\\[ex]");

    static final List<String> corpus = new ArrayList<>();

    @BeforeAll
    static void collectTomlFiles() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".toml"))
                    .filter(f -> !repo.relativize(f).toString().matches("(.*/)?(target|\\.git)/.*"))
                    .sorted().toList()) {
                corpus.add(Files.readString(p));
            }
        }
        corpus.add(SYNTAX);
    }

    @Test
    void theCorpusCoversTheRepositoryAndTomlsSyntax() {
        // config-valid, config-errors, fleet examples, stack apps, golden cases: ~130 files.
        assertThat(corpus).hasSizeGreaterThan(100);
        TomlParseResult tomlj = Toml.parse(SYNTAX);
        assertThat(tomlj.errors()).isEmpty();
        assertSameValues(SYNTAX, "syntax document");
    }

    @Test
    void everyFileInTheRepositoryIsReadTheSameWay() {
        int valid = 0;
        for (String doc : corpus) {
            valid += compare(doc, "corpus document") ? 1 : 0;
            // as written on Windows, and with the byte-order mark some editors put first
            compare(doc.replace("\n", "\r\n"), "corpus document with CRLF line ends");
            compare("\uFEFF" + doc, "corpus document with a byte-order mark");
        }
        assertThat(valid).as("most fixtures are valid TOML (only some of config-errors are not)")
                .isGreaterThan(corpus.size() / 2);
    }

    /**
     * The one difference the garbling found: tomlj takes TOML 1.1's "\\e" (and "\\x1b"), Jackson keeps to TOML
     * 1.0 and refuses them. niso refuses them too, at the string's position; an escape character would not have
     * passed niso's single-line rule for unit-file values anyway.
     */
    @Test
    void escapesOnlyTomlOnePointOneHasAreRefused() {
        for (String doc : List.of("a = 1\nname = \"x\\ey\"\n", "a = 1\nname = \"x\\x1by\"\n")) {
            assertThat(TOML_1_1_ESCAPE.matcher(doc).find()).isTrue();
            try {
                TomlDocument.parse("x.toml", doc);
                fail("accepted " + doc);
            } catch (ConfigException e) {
                assertThat(e.userMessages()).singleElement().asString().startsWith("x.toml:2:").contains("invalid TOML");
            }
        }
    }

    /**
     * tomlj refuses tables and arrays nested more than 128 deep (counted its way); Jackson reads up to 1,000. No niso
     * file nests that deep, so such a document always has errors, and then niso reports tomlj's syntax errors only,
     * as it did with tomlj alone; below tomlj's limit, the errors carry positions.
     */
    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 64, 126, 127, 128, 129, 130, 200, 999, 1001})
    void deepNestingIsReportedAsTomljDid(int depth) {
        List<String> docs = List.of(
                "a = " + "[".repeat(depth) + "]".repeat(depth) + "\n",
                "a = " + "{ b = ".repeat(depth) + "1" + " }".repeat(depth) + "\n",
                "a = " + "[{ b = ".repeat(depth) + "1" + " }]".repeat(depth) + "\n",
                "a" + ".b".repeat(depth) + " = 1\n",
                "[" + "t.".repeat(depth) + "end]\nk = 1\n");
        for (String doc : docs) {
            List<String> tomljErrors = Toml.parse(doc).errors().stream().map(e -> "x.toml:" + e.position().line()
                    + ":" + e.position().column() + ": invalid TOML: " + e.getMessage()).toList();
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> {
                TomlReader r = TomlReader.parse("x.toml", doc);
                r.string("a");
                r.finish();
                r.throwIfErrors();
            });
            assertThat(e).as("depth " + depth + ": " + doc).isNotNull();
            if (tomljErrors.isEmpty()) {
                assertThat(e.userMessages()).as(doc).isNotEmpty()
                        .allMatch(m -> m.startsWith("x.toml:1:") && !m.contains("invalid TOML"));
            } else {
                assertThat(e.userMessages()).as(doc).containsExactlyElementsOf(tomljErrors);
            }
        }
    }

    /**
     * Also measured, and left: a date-time written with a lower-case "t" or "z" (RFC 3339 allows it, TOML's
     * examples do not use it) is refused by Jackson; tomlj read it. niso has no date-time setting, so such a value
     * was an error before too ("expected ..., got a date-time"); now it is a syntax error at its position.
     */
    @Test
    void lowerCaseDateTimesAreRefusedWithAPosition() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> TomlDocument.parse("x.toml", "a = 1\nwhen = 1979-05-27t07:32:00z\n"));
        assertThat(e.userMessages()).singleElement().asString().startsWith("x.toml:2:").contains("invalid TOML");
    }

    /** Each seed garbles 1,000 documents with ConfigMutationPropertiesTest's mutations (lines and characters). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("online.niso.common.config.ConfigMutationPropertiesTest#seedNumbers")
    void garbledDocumentsAreAcceptedOrRefusedByBoth(int seed) {
        Random random = new Random(seed * 104729L + 3);
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            String base = corpus.get(random.nextInt(corpus.size()));
            String doc = ConfigMutationPropertiesTest.mutate(base, random, 1 + random.nextInt(3));
            accepted += compare(doc, "seed " + seed + " document " + i) ? 1 : 0;
        }
        assertThat(accepted).as("the garbling leaves some documents valid").isBetween(50, 950);
    }

    /** True when both parsers accept {@code doc}; fails the test when only one does or their values differ. */
    private static boolean compare(String doc, String what) {
        boolean tomljAccepts;
        try {
            tomljAccepts = !Toml.parse(doc).hasErrors();
        } catch (RuntimeException e) {
            tomljAccepts = false;
        }
        boolean jacksonAccepts;
        try {
            TomlDocument.parse("x.toml", doc);
            jacksonAccepts = true;
        } catch (ConfigException e) {
            jacksonAccepts = false;
        }
        if (tomljAccepts && !jacksonAccepts && TOML_1_1_ESCAPE.matcher(doc).find()) {
            return false; // see escapesOnlyTomlOnePointOneHasAreRefused
        }
        if (tomljAccepts != jacksonAccepts) {
            fail(what + ": tomlj " + (tomljAccepts ? "accepts" : "refuses") + ", jackson "
                    + (jacksonAccepts ? "accepts" : "refuses") + ":\n" + doc);
        }
        if (tomljAccepts) {
            assertSameValues(doc, what);
        }
        return tomljAccepts;
    }

    private static void assertSameValues(String doc, String what) {
        Object expected = plain(Toml.parse(doc));
        Object actual = TomlDocument.parse("x.toml", doc).root();
        assertThat(normalized(actual)).as(what + ":\n" + doc).isEqualTo(normalized(expected));
    }

    /** tomlj's tree as the plain maps and lists TomlDocument gives. */
    private static Object plain(Object v) {
        if (v instanceof TomlTable t) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : t.keySet()) {
                m.put(k, plain(t.get(List.of(k))));
            }
            return m;
        }
        if (v instanceof TomlArray a) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                l.add(plain(a.get(i)));
            }
            return l;
        }
        return v;
    }

    /**
     * NaN is not equal to itself; the key order of a table is compared as a list of entries; line ends inside
     * strings are compared normalised.
     */
    private static Object normalized(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<Object> entries = new ArrayList<>();
            m.forEach((k, x) -> entries.add(List.of(k, normalized(x))));
            return entries;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(TomlParsersAgreeTest::normalized).toList();
        }
        if (v instanceof Double d && d.isNaN()) {
            return "NaN";
        }
        if (v instanceof String text) {
            // TOML lets a parser normalise the line ends inside a multi-line string; Jackson keeps CRLF, tomlj not
            return text.replace("\r\n", "\n");
        }
        return v;
    }
}
