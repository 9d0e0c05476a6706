package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The command index shipped in the jar is what the annotations say today. */
class CommandIndexTest {

    @Test
    void theCheckedInIndexIsWhatTheAnnotationsSay() throws Exception {
        String source = CommandIndexGenerator.source();
        if (Boolean.getBoolean("niso.golden.update")) {
            Files.writeString(CommandIndexGenerator.SOURCE, source);
        }
        assertThat(Files.readString(CommandIndexGenerator.SOURCE))
                .as("%s is out of date: run mvn -pl niso-node test -Dtest=CommandIndexTest -Dniso.golden.update=true",
                        CommandIndexGenerator.SOURCE)
                .isEqualTo(source);
        assertThat(CommandIndexText.TSV).as("the compiled copy").isEqualTo(CommandIndexGenerator.generate());
    }

    /** What niso-fleet runs on every host and what the generated units run: these must never need picocli. */
    @Test
    void theCommandsOtherProgramsRunAreIndexed() {
        assertThat(CommandIndex.load().commands()).containsKeys("activate", "status", "health", "rollback",
                "deactivate", "install", "list", "history", "render", "verify", "remove");
    }
}
