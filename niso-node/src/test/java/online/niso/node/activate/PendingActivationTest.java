package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.error.UnexpectedStateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingActivationTest {
    @TempDir Path dir;

    @Test
    void theJournalSurvivesItsFileInAFixedFormat() throws Exception {
        Path file = dir.resolve("pending.json");
        PendingActivation p = PendingActivation.of("activate", Optional.of(new Release("hello-api", "1.0.0")),
                Optional.empty(), new Release("hello-api", "2.0.0"), Optional.of("{\"service\":\"api\"}\n"));
        p.write(file);
        // Keys sorted, nulls left out: a journal written by an older niso must keep reading.
        assertThat(Files.readString(file)).isEqualTo("{\"action\":\"activate\",\"from\":\"1.0.0\","
                + "\"from_definition\":\"{\\\"service\\\":\\\"api\\\"}\\n\",\"from_package\":\"hello-api\","
                + "\"to\":\"2.0.0\",\"to_package\":\"hello-api\"}\n");
        assertThat(PendingActivation.read(file)).contains(p);
        assertThat(PendingActivation.read(file).orElseThrow().fromRelease("api"))
                .contains(new Release("hello-api", "1.0.0"));
        assertThat(PendingActivation.read(file).orElseThrow().fromPreviousRelease("api")).isEmpty();
    }

    @Test
    void aJournalFromBeforeServiceDefinitionsMeansTheServicesOwnPackage() throws Exception {
        Path file = dir.resolve("pending.json");
        Files.writeString(file, "{\"action\":\"rollback\",\"from\":\"2.0.0\",\"from_previous\":\"1.0.0\",\"to\":\"1.0.0\"}\n");
        PendingActivation p = PendingActivation.read(file).orElseThrow();
        assertThat(p.fromRelease("web")).contains(new Release("web", "2.0.0"));
        assertThat(p.fromPreviousRelease("web")).contains(new Release("web", "1.0.0"));
        assertThat(p.toRelease("web")).isEqualTo(new Release("web", "1.0.0"));
    }

    @Test
    void noFileIsNoJournalAndAnEditedOneIsRefused() throws Exception {
        assertThat(PendingActivation.read(dir.resolve("none.json"))).isEmpty();
        Path file = dir.resolve("pending.json");
        Files.writeString(file, "{\"action\":\"activate\",\"to\":2}\n");
        assertThatThrownBy(() -> PendingActivation.read(file)).isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("to: expected a string");
        Files.writeString(file, "{\"action\":");
        assertThatThrownBy(() -> PendingActivation.read(file)).isInstanceOf(UnexpectedStateException.class);
    }
}
