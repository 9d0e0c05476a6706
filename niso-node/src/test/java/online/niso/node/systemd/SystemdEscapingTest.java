package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import online.niso.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SystemdEscapingTest {
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
            "plain|plain",
            "--port=8080|--port=8080",
            "100%|100%%",
            "%n|%%n",
            "$HOME|$$HOME",
            "${PATH}|\"$${PATH}\"",
            "two words|\"two words\"",
            "a\"b|\"a\\\"b\"",
            "it's|\"it's\"",
            "back\\slash|\"back\\\\slash\"",
            ";|\";\"",
            "#x|\"#x\"",
    })
    void execArgumentsAreEscapedForSystemd(String in, String expected) {
        assertThat(SystemdEscaping.execArgument("arg", in)).isEqualTo(expected);
    }

    @Test
    void emptyArgumentIsKeptAsAnEmptyQuotedWord() {
        assertThat(SystemdEscaping.execArgument("arg", "")).isEqualTo("\"\"");
        assertThat(SystemdUnescaper.execCommandLine("/x \"\" y")).containsExactly("/x", "", "y");
    }

    @Test
    void controlCharactersBecomeCEscapes() {
        assertThat(SystemdEscaping.execArgument("arg", "a\tb")).isEqualTo("\"a\\tb\"");
        assertThat(SystemdEscaping.execArgument("arg", "\u0001")).isEqualTo("\"\\x01\"");
        assertThat(SystemdEscaping.execArgument("arg", "\u007f")).isEqualTo("\"\\x7f\"");
    }

    @Test
    void dollarStaysLiteralInEnvironmentBecauseSystemdDoesNotExpandIt() {
        assertThat(SystemdEscaping.environmentAssignment("environment", "A", "$B 100%"))
                .isEqualTo("\"A=$B 100%%\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "carriage\rreturn", "nul\0byte"})
    void lineBreaksAndNulAreRefusedNamingTheField(String value) {
        assertThatThrownBy(() -> SystemdEscaping.execArgument("binary.args[3]", value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("binary.args[3]: ");
        assertThatThrownBy(() -> SystemdEscaping.environmentAssignment("environment", "KEY", value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("environment.KEY: ");
    }

    @Test
    void environmentRefusesControlCharactersSystemdWouldReject() {
        assertThatThrownBy(() -> SystemdEscaping.environmentAssignment("environment", "K", "a\u0007b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("environment.K").hasMessageContaining("U+0007");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1ABC", "A-B", "A=B", "A B", "ÄB"})
    void invalidEnvironmentNamesAreRefused(String key) {
        assertThatThrownBy(() -> SystemdEscaping.environmentAssignment("environment", key, "v"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid environment variable name");
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThatThrownBy(() -> SystemdEscaping.execArgument("arg", "a\ud800b"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unpaired surrogate");
        assertThat(SystemdEscaping.execArgument("arg", "😀")).isEqualTo("\"😀\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "/with space", "/a:b", "/a/../b", "/a/./b", "/trailing/", "/quote\"",
            "/back\\slash", "/semi;colon", "/tab\t", "/ünï"})
    void pathsWithCharactersThatHaveMeaningInDirectivesAreRefused(String path) {
        assertThatThrownBy(() -> SystemdEscaping.path("volumes.data.mount", path))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("volumes.data.mount: ");
    }

    @Test
    void pathsDoublePercent() {
        assertThat(SystemdEscaping.path("p", "/opt/niso/50%")).isEqualTo("/opt/niso/50%%");
        assertThat(SystemdEscaping.path("p", "/")).isEqualTo("/");
    }

    @Test
    void executableMayNotContainDollarBecauseSystemdDoesNotExpandThePath() {
        assertThatThrownBy(() -> SystemdEscaping.commandLine("binary", "/app/bin/$x", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("binary.entrypoint: ").hasMessageContaining("/app/bin/$x");
    }

    @Test
    void unescaperRejectsWhatNisoNeverWrites() {
        assertThatThrownBy(() -> SystemdUnescaper.execCommandLine("/x %n")).hasMessageContaining("specifier");
        assertThatThrownBy(() -> SystemdUnescaper.execCommandLine("/x $HOME")).hasMessageContaining("variable");
        assertThatThrownBy(() -> SystemdUnescaper.execCommandLine("/x \"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> SystemdUnescaper.execCommandLine("/x \\q")).hasMessageContaining("unknown escape");
    }

    @Test
    void unescaperFollowsSystemdQuotingRules() {
        // Quotes may start mid-word, single quotes also honour C escapes, \s is a space.
        assertThat(SystemdUnescaper.splitWords("a\"b c\"d 'e\\tf' g\\sh \\x41\\101\\u00e9"))
                .containsExactly("ab cd", "e\tf", "g h", "AAé");
    }

    @Test
    void refusalsNeverEchoTheValueBecauseItMayBeASecret() {
        assertThatThrownBy(() -> SystemdEscaping.environmentAssignment("environment", "DB_PASSWORD", "hunter2\nx"))
                .hasMessage("environment.DB_PASSWORD: line breaks cannot be represented in a systemd unit"
                        + " (at character 8)")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> SystemdEscaping.environmentAssignment("environment", "TOKEN", "s3cret\u0007"))
                .message().doesNotContain("s3cret");
    }
}
