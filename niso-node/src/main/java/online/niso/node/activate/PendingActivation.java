package online.niso.node.activate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.json.Json;

/**
 * The repair journal of one activation, written (atomically) before the unit or the pointers change and
 * removed when the activation has finished. If niso is killed in between, the next command for the service
 * finds it and restores the state it describes ({@code from} running, {@code fromPrevious} as previous).
 */
record PendingActivation(@JsonProperty("action") String action, @JsonProperty("from") String from,
        @JsonProperty("from_previous") String fromPrevious, @JsonProperty("to") String to) {

    Optional<String> fromVersion() {
        return Optional.ofNullable(from);
    }

    Optional<String> fromPreviousVersion() {
        return Optional.ofNullable(fromPrevious);
    }

    void write(Path file) {
        AtomicFiles.write(file, Json.line(this) + "\n", "rw-------");
    }

    static Optional<PendingActivation> read(Path file) {
        Optional<String> text = AtomicFiles.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(text.get(), PendingActivation.class));
        } catch (IOException e) {
            // Written atomically, so a parse error means someone edited it: refuse to guess.
            throw new UnexpectedStateException(file + " is not a niso activation journal (" + e.getMessage()
                    + "); inspect and delete it", new UncheckedIOException(e));
        }
    }
}
