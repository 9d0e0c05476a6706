package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Full generated units per case, compared with golden/systemd/<case>/expected/<unit>. */
class UnitGoldenTest {
    private static final Path CASES_DIR = GoldenFiles.goldenRoot().resolve("systemd");

    static Stream<String> cases() {
        return StreamSupport.stream(GoldenCases.names().spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedUnitMatchesGolden(String caseName) {
        GoldenCases.Case c = GoldenCases.get(caseName);
        List<UnitFile> units = new UnitGenerator().generate(c.spec(), c.layout(GoldenCases.GOLDEN_BASE));
        assertThat(units).isNotEmpty();
        for (UnitFile unit : units) {
            GoldenFiles.assertMatches(CASES_DIR.resolve(caseName).resolve("expected").resolve(unit.name()),
                    UnitFileRenderer.render(unit));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renderingIsAFixedPointOfParsing(String caseName) {
        GoldenCases.Case c = GoldenCases.get(caseName);
        for (UnitFile unit : new UnitGenerator().generate(c.spec(), c.layout(GoldenCases.GOLDEN_BASE))) {
            String text = UnitFileRenderer.render(unit);
            UnitFile parsed = UnitFileParser.parse(unit.name(), text);
            assertThat(parsed).isEqualTo(unit);
            assertThat(UnitFileRenderer.render(parsed)).isEqualTo(text);
        }
    }

    @Test
    void everyCaseDirectoryHasAFixtureAndEveryFixtureADirectory() throws IOException {
        Set<String> fixtures = new TreeSet<>();
        GoldenCases.names().forEach(fixtures::add);
        Set<String> dirs = new TreeSet<>();
        if (Files.isDirectory(CASES_DIR)) {
            try (Stream<Path> s = Files.list(CASES_DIR)) {
                s.filter(Files::isDirectory).forEach(p -> dirs.add(p.getFileName().toString()));
            }
        }
        if (GoldenFiles.updating()) {
            return; // the parameterized test above creates the directories in update mode
        }
        assertThat(dirs).as("golden case directories vs GoldenCases fixtures").isEqualTo(fixtures);
    }
}
