package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests: for random strings without newline/CR/NUL, escaping and then reading
 * back with systemd's rules ({@link SystemdUnescaper}) gives the original. The seed is the test
 * name, so a failure reproduces exactly.
 */
class SystemdEscapingPropertiesTest {
    static LongStream seeds() {
        return LongStream.range(0, 500);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void commandLinesRoundTrip(long seed) {
        Random r = new Random(seed);
        List<String> args = new ArrayList<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            args.add(RandomStrings.anyRepresentable(r, 24, true));
        }
        String line = SystemdEscaping.commandLine("binary", "/app/bin/x%y", args);

        List<String> argv = SystemdUnescaper.execCommandLine(line);

        assertThat(argv.get(0)).isEqualTo("/app/bin/x%y");
        assertThat(argv.subList(1, argv.size())).as("escaped: %s", line).isEqualTo(args);
        assertThat(line).doesNotContain("\n", "\r", "\0");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void environmentAssignmentsRoundTrip(long seed) {
        Random r = new Random(seed);
        String key = RandomStrings.envName(r);
        String value = RandomStrings.anyRepresentable(r, 40, false);

        String escaped = SystemdEscaping.environmentAssignment("environment", key, value);

        assertThat(SystemdUnescaper.environment(escaped)).as("escaped: %s", escaped).containsExactly(key + "=" + value);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void escapingIsDeterministicAndSingleLine(long seed) {
        String value = RandomStrings.anyRepresentable(new Random(seed), 30, true);
        String a = SystemdEscaping.execArgument("arg", value);
        String b = SystemdEscaping.execArgument("arg", value);
        assertThat(a).isEqualTo(b);
        // One word: the reader must never split an escaped argument.
        assertThat(SystemdUnescaper.splitWords(SystemdUnescaper.expandSpecifiers(a))).hasSize(1);
    }
}
