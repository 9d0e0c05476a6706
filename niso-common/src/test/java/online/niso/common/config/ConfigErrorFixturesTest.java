package online.niso.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import online.niso.common.error.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in config-errors/ is a broken manifest/stack/fleet (kind = file-name prefix) whose
 * first lines are "# expect-error: <rendered message>", one per expected error: the parser must
 * report exactly those, all at once, in order.
 */
class ConfigErrorFixturesTest {
    static final String PREFIX = "# expect-error: ";

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml")).sorted().toList().stream();
        }
    }

    static Path dir() throws URISyntaxException {
        return Path.of(ConfigErrorFixturesTest.class.getResource("/config-errors").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsExactlyTheExpectedErrors(String fixture) throws Exception {
        String text = Files.readString(dir().resolve(fixture));
        List<String> expected = text.lines().takeWhile(l -> l.startsWith(PREFIX))
                .map(l -> l.substring(PREFIX.length())).toList();
        assertThat(expected).as("fixture declares its expected errors").isNotEmpty();

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(fixture, text));

        assertThat(e).as("parsing must fail with a ConfigException").isNotNull();
        assertThat(e.userMessages()).containsExactlyElementsOf(expected);
    }

    @Test
    void thereAreAtLeastFortyFixturesCoveringAllThreeFiles() throws Exception {
        List<String> all = fixtures().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        assertThat(all).anyMatch(n -> n.startsWith("manifest-")).anyMatch(n -> n.startsWith("stack-"))
                .anyMatch(n -> n.startsWith("fleet-"));
    }

    static Object parse(String fixture, String text) {
        String kind = fixture.substring(0, fixture.indexOf('-'));
        return switch (kind) {
            case "manifest" -> ManifestParser.parse("manifest.toml", text);
            case "stack" -> StackParser.parse("stack.toml", text);
            case "fleet" -> FleetParser.parse("fleet.toml", text);
            default -> throw new IllegalArgumentException("fixture name must start with manifest-, stack- or fleet-: " + fixture);
        };
    }
}
