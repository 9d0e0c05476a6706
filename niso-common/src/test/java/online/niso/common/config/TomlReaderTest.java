package online.niso.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import online.niso.common.error.ConfigException;
import online.niso.common.model.ByteSize;
import org.junit.jupiter.api.Test;

class TomlReaderTest {
    @Test
    void reportsAllSyntaxErrorsWithPositions() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> TomlReader.parse("x.toml", "a = 1\na = 2\nb = \n"));
        assertThat(e.userMessages()).hasSize(2).allMatch(m -> m.startsWith("x.toml:") && m.contains("invalid TOML"));
    }

    @Test
    void tracksKeyPathsPositionsAndUnknownKeys() {
        TomlReader root = TomlReader.parse("x.toml", "[a.b]\nsize = \"lots\"\n\"odd key\" = 1\n[[c]]\nd = 1\n[[c]]\nd = \"x\"\n");
        TomlReader b = root.table("a").orElseThrow().table("b").orElseThrow();
        assertThat(b.value("size", "a size like 512M", ByteSize::parse)).isEmpty();
        b.finish();
        var cs = root.tables("c");
        assertThat(cs).hasSize(2);
        assertThat(cs.get(1).integer("d", 0, 10)).isEmpty();
        assertThat(cs.get(0).integer("d", 0, 10)).contains(1L);
        ConfigException e = catchThrowableOfType(ConfigException.class, root::throwIfErrors);
        assertThat(e.userMessages()).containsExactly(
                "x.toml:2:1: a.b.size: expected a size like 512M, got \"lots\"",
                "x.toml:3:1: a.b.\"odd key\": unknown key \"odd key\"; expected one of: size",
                "x.toml:7:1: c[1].d: expected a whole number from 0 to 10, got \"x\"");
    }

    @Test
    void describesValuesOfEveryTomlType() {
        TomlReader r = TomlReader.parse("x.toml", "a = 1.5\nb = true\nc = 1979-05-27\nd = [1]\ne = {}\nf = 07:32:00\ng = 1979-05-27T07:32:00Z\n");
        for (String k : new String[] {"a", "b", "c", "d", "e", "f", "g"}) {
            r.string(k);
        }
        ConfigException e = catchThrowableOfType(ConfigException.class, r::throwIfErrors);
        assertThat(e.userMessages()).containsExactly(
                "x.toml:1:1: a: expected a string, got a float (1.5)",
                "x.toml:2:1: b: expected a string, got a boolean (true)",
                "x.toml:3:1: c: expected a string, got a date (1979-05-27)",
                "x.toml:4:1: d: expected a string, got an array",
                "x.toml:5:1: e: expected a string, got a table",
                "x.toml:6:1: f: expected a string, got a time (07:32)",
                "x.toml:7:1: g: expected a string, got a date-time (1979-05-27T07:32Z)");
    }
}
