package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import online.niso.node.systemd.GoldenFilesAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden/nft case renders to exactly its expected scripts (host table + one per service). */
class RulesetGoldenTest {

    static Stream<String> cases() {
        return NetGoldenCases.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheGoldenScripts(String name) throws IOException {
        Ruleset r = new RulesetGenerator().generate(NetGoldenCases.load(name));
        Path dir = NetGoldenCases.expectedDir(name);
        Set<String> expectedFiles = new HashSet<>();
        GoldenFilesAccess.assertMatches(dir.resolve("host.nft"), NftScript.render(r.host()));
        expectedFiles.add("host.nft");
        for (Ruleset.ServiceTable s : r.services()) {
            String file = "service-" + s.service() + ".nft";
            GoldenFilesAccess.assertMatches(dir.resolve(file), NftScript.render(s.table()));
            expectedFiles.add(file);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("no stale golden files in %s", dir).containsExactlyInAnyOrderElementsOf(expectedFiles);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renderingIsDeterministicUnderInputOrder(String name) {
        NetState s = NetGoldenCases.load(name);
        var nets = new java.util.ArrayList<>(s.networks());
        var atts = new java.util.ArrayList<>(s.attachments());
        java.util.Collections.reverse(nets);
        java.util.Collections.reverse(atts);
        var reversed = new NetState(nets, atts);
        assertThat(NftScript.describe(new RulesetGenerator().generate(reversed)))
                .isEqualTo(NftScript.describe(new RulesetGenerator().generate(s)));
    }
}
