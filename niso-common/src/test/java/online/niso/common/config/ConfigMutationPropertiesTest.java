package online.niso.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import online.niso.common.error.ConfigError;
import online.niso.common.error.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random garbling of valid (and broken) fixtures: every document, through every parser,
 * must either parse or fail with a ConfigException whose errors are well-formed. Anything else
 * (NullPointerException, a record constructor's exception, a tomlj crash) is a bug.
 * 20 seeds × 500 documents = 10,000 documents, each through all three parsers.
 */
class ConfigMutationPropertiesTest {
    static final int DOCS_PER_SEED = 500;
    static final String[] VALUES = {"42", "-1", "0", "true", "1.5", "\"\"", "\"x\"", "[]", "[1, \"a\"]", "{}",
            "{ a = 1 }", "1979-05-27", "07:32:00", "\"\\u0000\"", "\"a\\nb\"", "9223372036854775807", "\"lots\"",
            "\"1h30m\"", "\"99999999999999999999M\"", "\"0.0.0.0:0:0\"", "[\"..\"]", "\"/\"", "{ mount = \"/x\" }",
            "\"ssh://@\"", "\"role=\"", "\"100%\"", "\"0s\"", "nan", "inf", "\"healthy\""};
    static final String[] JUNK = {"[", "]", "{", "}", "=", "\"", "'", ",", ".", "#", "\n", "\\", "[[", "]]", "\u0000",
            "é", " ", "0", "-", ":", "/", "%"};
    static final List<BiFunction<String, String, ?>> PARSERS = List.of(ManifestParser::parse, StackParser::parse,
            FleetParser::parse);
    static final List<String> NAMES = List.of("manifest.toml", "stack.toml", "fleet.toml");

    static List<String> seeds = new ArrayList<>();
    static int validCount;

    @BeforeAll
    static void loadSeeds() throws Exception {
        for (String dir : List.of("/config-valid", "/config-errors")) {
            try (Stream<Path> files = Files.list(Path.of(ConfigMutationPropertiesTest.class.getResource(dir).toURI()))) {
                for (Path p : files.sorted().toList()) {
                    seeds.add(Files.readString(p));
                }
            }
            if (dir.equals("/config-valid")) {
                validCount = seeds.size();
            }
        }
    }

    static IntStream seedNumbers() {
        return IntStream.range(0, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedNumbers")
    void garbledDocumentsOnlyEverYieldConfigErrors(int seed) {
        Random random = new Random(seed * 7919L + 17);
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < DOCS_PER_SEED; i++) {
            // Valid fixtures are mutated more often: they reach the deeper, semantic code paths.
            String base = random.nextInt(3) > 0 ? seeds.get(random.nextInt(validCount)) : seeds.get(random.nextInt(seeds.size()));
            String doc = mutate(base, random, 1 + random.nextInt(3));
            for (int k = 0; k < PARSERS.size(); k++) {
                int ok = check(PARSERS.get(k), NAMES.get(k), doc, seed, i);
                parsed += ok;
                rejected += 1 - ok;
            }
        }
        // Guards the generator itself: garbling that never parses (or never fails) would only test
        // the TOML syntax layer (or nothing at all).
        assertThat(parsed).as("some garbled documents still parse").isPositive();
        assertThat(rejected).as("most garbled documents are rejected").isGreaterThan(parsed);
    }

    private static int check(BiFunction<String, String, ?> parser, String name, String doc, int seed, int i) {
        try {
            assertThat(parser.apply(name, doc)).isNotNull();
            return 1;
        } catch (ConfigException e) {
            assertThat(e.errors()).as("a ConfigException carries at least one error").isNotEmpty();
            for (ConfigError err : e.errors()) {
                assertThat(err.file()).isEqualTo(name);
                assertThat(err.message()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(err.line()).isGreaterThanOrEqualTo(0);
                assertThat(err.column()).isGreaterThanOrEqualTo(0);
                assertThat(err.keyPath()).isNotNull();
            }
            return 0;
        } catch (RuntimeException | StackOverflowError e) {
            fail("seed " + seed + " doc " + i + " through " + name + " threw " + e + " on:\n" + doc, e);
            return 0;
        }
    }

    static String mutate(String text, Random r, int times) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (int t = 0; t < times; t++) {
            int n = lines.size();
            int at = r.nextInt(Math.max(1, n));
            switch (r.nextInt(10)) {
                case 0 -> { if (n > 1) lines.remove(at); }
                case 1 -> lines.add(at, lines.get(Math.min(at, n - 1)));
                case 2 -> {
                    int other = r.nextInt(n);
                    String a = lines.get(at);
                    lines.set(at, lines.get(other));
                    lines.set(other, a);
                }
                case 3 -> lines.set(at, flip(lines.get(at), r));
                case 4 -> lines.set(at, changeValue(lines.get(at), r));
                case 5 -> {
                    String all = String.join("\n", lines);
                    int cut = r.nextInt(all.length() + 1);
                    lines = new ArrayList<>(List.of(all.substring(0, cut).split("\n", -1)));
                }
                case 6 -> lines.add(at, randomLine(r));
                case 7 -> lines.set(at, changeValue(lines.get(at), r));
                default -> changeValueOnly(lines, r);
            }
        }
        return String.join("\n", lines);
    }

    private static String flip(String line, Random r) {
        if (line.isEmpty()) {
            return JUNK[r.nextInt(JUNK.length)];
        }
        int i = r.nextInt(line.length());
        String junk = r.nextBoolean() ? JUNK[r.nextInt(JUNK.length)] : String.valueOf((char) (32 + r.nextInt(95)));
        return line.substring(0, i) + junk + line.substring(r.nextBoolean() ? i + 1 : i);
    }

    /** Replaces whatever follows the first '=' (or an array element) with a value of another type. */
    private static String changeValue(String line, Random r) {
        int eq = line.indexOf('=');
        String value = VALUES[r.nextInt(VALUES.length)];
        if (eq < 0) {
            return line;
        }
        return line.substring(0, eq + 1) + " " + value;
    }

    /** Picks a "key = value" line, so that typed values (durations, sizes...) get garbled often. */
    private static void changeValueOnly(List<String> lines, Random r) {
        List<Integer> assignments = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains("=")
                && !lines.get(i).startsWith("#")).boxed().toList();
        if (!assignments.isEmpty()) {
            int i = assignments.get(r.nextInt(assignments.size()));
            lines.set(i, changeValue(lines.get(i), r));
        }
    }

    private static String randomLine(Random r) {
        String[] keys = {"name", "version", "package", "ports", "depends_on", "type", "mount", "memory_max",
                "strategy", "canary", "address", "labels", "tcp", "http", "exec", "soft", "hard", "zzz"};
        return switch (r.nextInt(4)) {
            case 0 -> keys[r.nextInt(keys.length)] + " = " + VALUES[r.nextInt(VALUES.length)];
            case 1 -> "[" + List.of("package", "binary", "service", "deploy", "ssh", "network.policy", "volumes",
                    "environments.prod", "environments.prod.deploy", "isolation.resources.ulimits").get(r.nextInt(10)) + "]";
            case 2 -> "[[" + List.of("service", "host", "environments.prod.host", "package").get(r.nextInt(4)) + "]]";
            default -> keys[r.nextInt(keys.length)] + " = { " + keys[r.nextInt(keys.length)] + " = "
                    + VALUES[r.nextInt(VALUES.length)] + " }";
        };
    }
}
