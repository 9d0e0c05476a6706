package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgvTest {

    @Test
    void rendersSafeWordsBareAndQuotesEverythingElse() {
        assertThat(Argv.of("ssh", "-F", "/var/tmp/x/ssh_config", "th1", "echo 'hi' $HOME", "").render())
                .isEqualTo("ssh -F /var/tmp/x/ssh_config th1 'echo '\\''hi'\\'' $HOME' ''");
    }

    @Test
    void refusesAnEmptyCommand() {
        assertThatThrownBy(() -> new Argv(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutable() {
        var args = new java.util.ArrayList<>(List.of("a"));
        Argv argv = new Argv(args);
        args.add("b");
        assertThat(argv.args()).containsExactly("a");
        assertThat(argv.plus(List.of("c")).args()).containsExactly("a", "c");
    }

    /** Property: a shell reading the rendering gets back exactly the original arguments. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234, 99999})
    void shellRoundTripsTheRendering(long seed) throws Exception {
        Random r = new Random(seed);
        String alphabet = "ab Z09 '\"$`\\*?!;&|<>(){}[]~#%\t-_=+:,./";
        List<String> args = new java.util.ArrayList<>();
        args.add("printf");
        args.add("%s\\0");
        for (int i = 0; i < 8; i++) {
            StringBuilder s = new StringBuilder();
            int len = r.nextInt(6);
            for (int j = 0; j < len; j++) {
                s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            args.add(s.toString());
        }
        Argv argv = new Argv(args);
        Process p = new ProcessBuilder("sh", "-c", argv.render()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        List<String> back = out.isEmpty() ? List.of() : List.of(out.split("\0", -1)).subList(0, out.split("\0", -1).length - 1);
        assertThat(back).containsExactlyElementsOf(args.subList(2, args.size()));
    }
}
