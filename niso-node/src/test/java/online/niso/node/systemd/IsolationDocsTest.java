package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/isolation.md's preset table is generated from the code, so the docs cannot drift from what
 * niso writes. {@code -Dniso.golden.update=true} rewrites the block between the markers.
 */
class IsolationDocsTest {
    static final String BEGIN = "<!-- BEGIN GENERATED: preset table (IsolationDocsTest) -->";
    static final String END = "<!-- END GENERATED: preset table -->";
    /** Not isolation: what runs, how it restarts, and the rootfs mounts common to every preset. */
    static final Set<String> NOT_ISOLATION = Set.of("Type", "ExecStart", "WorkingDirectory", "Environment",
            "EnvironmentFile", "LoadCredential", "Restart", "RestartSec", "KillSignal", "TimeoutStopSec",
            "RootDirectory", "BindReadOnlyPaths", "BindPaths");

    static String presetTable() {
        Map<IsolationPreset, Section> byPreset = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (IsolationPreset p : IsolationPreset.values()) {
            byPreset.put(p, UnitGeneratorTest.service(UnitGeneratorTest.spec().preset(p).build()));
        }
        // Rows in the server preset's order (the docs' order), then what the other presets add.
        for (IsolationPreset p : List.of(IsolationPreset.SERVER, IsolationPreset.STRICT, IsolationPreset.WORKER,
                IsolationPreset.DATABASE, IsolationPreset.MINIMAL, IsolationPreset.NONE)) {
            byPreset.get(p).entries().stream().map(Entry::key).filter(k -> !NOT_ISOLATION.contains(k))
                    .forEach(keys::add);
        }
        StringBuilder out = new StringBuilder("| directive |");
        byPreset.keySet().forEach(p -> out.append(" `").append(p.manifestName()).append("` |"));
        out.append("\n|---|").append("---|".repeat(byPreset.size())).append('\n');
        for (String key : keys) {
            out.append("| ").append(key).append(" |");
            for (Section s : byPreset.values()) {
                List<String> values = s.values(key);
                List<String> cells = new ArrayList<>();
                values.forEach(v -> cells.add(v.isEmpty() ? "*(empty)*" : "`" + v + "`"));
                out.append(' ').append(values.isEmpty() ? "–" : String.join("<br>", cells)).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Test
    void presetTableInDocsMatchesTheGenerator() throws IOException {
        Path doc = GoldenFiles.goldenRoot().resolve("../../../../../docs/isolation.md").normalize();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertThat(b).as("%s must contain %s", doc, BEGIN).isNotNegative();
        assertThat(e).as("%s must contain %s", doc, END).isGreaterThan(b);
        String generated = BEGIN + "\n" + presetTable() + END;
        String current = text.substring(b, e + END.length());
        if (GoldenFiles.updating()) {
            Files.writeString(doc, text.substring(0, b) + generated + text.substring(e + END.length()),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("preset table in %s is stale: rerun with -D%s=true", doc, GoldenFiles.UPDATE_PROPERTY)
                .isEqualTo(generated);
    }
}
