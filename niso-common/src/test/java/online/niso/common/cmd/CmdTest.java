package online.niso.common.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CmdTest {

    @Test
    void rendersSafeArgumentsBareAndQuotesTheRest() {
        Cmd cmd = Cmd.of("niso", "activate", "my-api", "--message", "it's a deploy $HOME");
        assertThat(cmd.render()).isEqualTo("niso activate my-api --message 'it'\"'\"'s a deploy $HOME'");
    }

    @Test
    void secretsAreRedactedInToStringButPresentInRender() {
        Cmd cmd = Cmd.of("login").withSecret("hunter2");
        assertThat(cmd.toString()).isEqualTo("login [REDACTED]").doesNotContain("hunter2");
        assertThat(cmd.render()).contains("hunter2");
        assertThat(new CmdResult(cmd, 1, "", "boom").describe()).doesNotContain("hunter2");
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 50).mapToObj(i -> 1000L + i);
    }

    /** Property: for any argument (no NUL), the shell turns render() back into exactly the argv. */
    @ParameterizedTest
    @MethodSource("seeds")
    void shellQuotingRoundTripsThroughARealShell(long seed) {
        Random random = new Random(seed);
        String alphabet = "ab $'\"\\`!*?;&|<>(){}[]#~%\t\n=,.-_/é";
        String[] args = new String[3];
        for (int i = 0; i < args.length; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(8);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            args[i] = sb.toString();
        }
        Cmd printf = Cmd.of("printf", "%s\\0").with(args);
        CmdResult r = new LocalProcessRunner().run(Cmd.of("sh", "-c", printf.render()), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isZero();
        assertThat(List.of(r.stdout().split("\0", -1)).subList(0, args.length)).containsExactly(args);
    }

    @Test
    void timeoutKillsAndReports124() {
        CmdResult r = new LocalProcessRunner().run(Cmd.of("sleep", "30"), Duration.ofMillis(200));
        assertThat(r.exitCode()).isEqualTo(LocalProcessRunner.TIMED_OUT);
    }

    @Test
    void missingProgramIs127() {
        assertThat(new LocalProcessRunner().run(Cmd.of("/nonexistent/x"), Duration.ofSeconds(5)).exitCode())
                .isEqualTo(127);
    }
}
