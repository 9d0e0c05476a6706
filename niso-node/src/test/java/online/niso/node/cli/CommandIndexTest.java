package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in command index is what the annotations say today. */
class CommandIndexTest {

    private static final Path CHECKED_IN = Path.of("src/main/resources/online/niso/node/cli/"
            + CommandIndex.RESOURCE);

    @Test
    void theCheckedInIndexMatchesTheAnnotations() throws Exception {
        String generated = CommandIndexGenerator.generate();
        if (Boolean.getBoolean("niso.updateGoldens")) {
            CommandIndexGenerator.main(new String[] {CHECKED_IN.toString()});
        }
        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";
        assertThat(checkedIn)
                .as("%s is stale: the picocli annotations changed. Regenerate it with\n  mvn -o -q -pl niso-node -am test"
                        + " -Dtest=CommandIndexTest -Dsurefire.failIfNoSpecifiedTests=false -Dniso.updateGoldens=true",
                        CHECKED_IN)
                .isEqualTo(generated);
        // And the resource on the class path (what NodeMain reads) is that file.
        assertThat(CommandIndex.load()).isEqualTo(CommandIndex.parse(generated));
    }

    @Test
    void theHotCommandsAreIndexedAndTheNestedOnesAreNot() {
        CommandIndex index = CommandIndex.parse(CommandIndexGenerator.generate());
        assertThat(index.commands()).containsKeys("activate", "status", "health", "rollback", "deactivate",
                "install", "list", "render", "history");
        // Subcommands of their own, or picocli's completion generator: always picocli's path.
        assertThat(index.commands()).doesNotContainKeys("net", "stack", "runtime", "generate-completion");
        CommandIndex.Command activate = index.command("activate").orElseThrow();
        assertThat(activate.mixins()).containsExactly("common", "definition");
        assertThat(activate.option("--root").orElseThrow().field()).isEqualTo("common.root");
        assertThat(activate.option("--stack").orElseThrow().kind()).isEqualTo(CommandIndex.Kind.PATH);
        assertThat(activate.option("--verify-key").orElseThrow().kind()).isEqualTo(CommandIndex.Kind.UNSUPPORTED);
        assertThat(activate.option("-v")).isEqualTo(activate.option("--verbose"));
        assertThat(activate.option("--help")).isEmpty();
        assertThat(activate.positionals()).extracting(CommandIndex.Positional::field).containsExactly("name", "version");
    }
}
