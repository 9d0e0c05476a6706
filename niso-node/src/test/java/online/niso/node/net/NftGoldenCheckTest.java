package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real nft accepts every golden script ({@code nft -c -f}), and after loading it prints the
 * table back exactly as {@link NftScript#listing} rendered it, which is what lets
 * {@code niso net rules} compare live state with the renderer. Each run happens in a throw-away
 * network namespace ({@code unshare -n}), so the machine's own ruleset is never read or touched.
 */
@RequiresRealHosts(tools = {"nft", "unshare"})
class NftGoldenCheckTest {

    static Stream<Path> scripts() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (String c : NetGoldenCases.names().toList()) {
            try (Stream<Path> files = Files.list(NetGoldenCases.expectedDir(c))) {
                files.sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void nftAcceptsTheGoldenAndListsItBackVerbatim(Path script) throws IOException {
        String text = Files.readString(script, StandardCharsets.UTF_8);
        CmdResult check = run("nft -c -f " + Cmd.quote(script.toString()));
        assertThat(check.exitCode()).as("nft -c -f %s: %s", script, check.stderr()).isZero();

        CmdResult listed = run("nft -f " + Cmd.quote(script.toString()) + " && nft list table inet niso");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        String body = text.substring(text.indexOf("\ntable ", text.indexOf("delete table")) + 1);
        assertThat(listed.stdout()).isEqualTo(body);
    }

    private static CmdResult run(String shell) {
        return new LocalProcessRunner().run(Cmd.of("unshare", "--net", "sh", "-c", shell), Duration.ofSeconds(30));
    }
}
