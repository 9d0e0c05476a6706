package online.niso.node.activate;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 *
 * <p>Versions belong to the packages named beside them; a missing package (a journal written before
 * service definitions existed) means the package of the service's own name. {@code fromDefinition} is the
 * from-release's definition file as it was ({@code null}: there was none), put back on restore because the
 * activation may have rewritten it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PendingActivation(@JsonProperty("action") String action, @JsonProperty("from") String from,
        @JsonProperty("from_previous") String fromPrevious, @JsonProperty("to") String to,
        @JsonProperty("from_package") String fromPackage, @JsonProperty("from_previous_package") String fromPreviousPackage,
        @JsonProperty("to_package") String toPackage, @JsonProperty("from_definition") String fromDefinition) {

    static PendingActivation of(String action, Optional<Release> from, Optional<Release> fromPrevious, Release to,
            Optional<String> fromDefinition) {
        return new PendingActivation(action, from.map(Release::version).orElse(null),
                fromPrevious.map(Release::version).orElse(null), to.version(),
                from.map(Release::packageName).orElse(null), fromPrevious.map(Release::packageName).orElse(null),
                to.packageName(), fromDefinition.orElse(null));
    }

    Optional<String> fromVersion() {
        return Optional.ofNullable(from);
    }

    Optional<String> fromPreviousVersion() {
        return Optional.ofNullable(fromPrevious);
    }

    Optional<Release> fromRelease(String service) {
        return fromVersion().map(v -> new Release(fromPackage == null ? service : fromPackage, v));
    }

    Optional<Release> fromPreviousRelease(String service) {
        return fromPreviousVersion().map(v -> new Release(fromPreviousPackage == null ? service : fromPreviousPackage, v));
    }

    Release toRelease(String service) {
        return new Release(toPackage == null ? service : toPackage, to);
    }

    /** Keys as in the record's @JsonProperty names, sorted, nulls left out; see {@link #fromTree}. */
    void write(Path file) {
        var n = Json.mapper().createObjectNode();
        java.util.function.BiConsumer<String, String> put = (k, v) -> {
            if (v != null) {
                n.put(k, v);
            }
        };
        put.accept("action", action);
        put.accept("from", from);
        put.accept("from_previous", fromPrevious);
        put.accept("to", to);
        put.accept("from_package", fromPackage);
        put.accept("from_previous_package", fromPreviousPackage);
        put.accept("to_package", toPackage);
        put.accept("from_definition", fromDefinition);
        try {
            AtomicFiles.write(file, Json.mapper().writeValueAsString(n) + "\n", "rw-------");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Through Jackson's tree model rather than record binding: every activation writes a journal, and binding
     * a record is introspected by reflection on first use (~100 ms of a cold JVM).
     */
    static PendingActivation fromTree(com.fasterxml.jackson.databind.JsonNode n) {
        java.util.function.Function<String, String> get = k -> n.hasNonNull(k) ? n.get(k).asText() : null;
        if (get.apply("to") == null) {
            throw new IllegalArgumentException("no \"to\"");
        }
        return new PendingActivation(get.apply("action"), get.apply("from"), get.apply("from_previous"),
                get.apply("to"), get.apply("from_package"), get.apply("from_previous_package"), get.apply("to_package"),
                get.apply("from_definition"));
    }

    static Optional<PendingActivation> read(Path file) {
        Optional<String> text = AtomicFiles.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromTree(Json.mapper().readTree(text.get())));
        } catch (IOException | RuntimeException e) {
            // Written atomically, so a parse error means someone edited it: refuse to guess.
            throw new UnexpectedStateException(file + " is not a niso activation journal (" + e.getMessage()
                    + "); inspect and delete it", e);
        }
    }
}
