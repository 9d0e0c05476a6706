package online.niso.node.activate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.json.JsonTrees;

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
record PendingActivation(String action, String from, String fromPrevious, String to, String fromPackage,
        String fromPreviousPackage, String toPackage, String fromDefinition) {

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

    /** One JSON line, keys sorted, nulls left out. */
    void write(Path file) {
        ObjectNode doc = JsonTree.object();
        put(doc, "action", action);
        put(doc, "from", from);
        put(doc, "from_definition", fromDefinition);
        put(doc, "from_package", fromPackage);
        put(doc, "from_previous", fromPrevious);
        put(doc, "from_previous_package", fromPreviousPackage);
        put(doc, "to", to);
        put(doc, "to_package", toPackage);
        AtomicFiles.write(file, JsonTrees.line(doc) + "\n", "rw-------");
    }

    private static void put(ObjectNode doc, String key, String value) {
        if (value != null) {
            doc.put(key, value);
        }
    }

    static Optional<PendingActivation> read(Path file) {
        Optional<String> text = AtomicFiles.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode d = JsonTree.parseObject(text.get());
            return Optional.of(new PendingActivation(JsonTree.text(d, "action"), JsonTree.text(d, "from"),
                    JsonTree.text(d, "from_previous"), JsonTree.text(d, "to"), JsonTree.text(d, "from_package"),
                    JsonTree.text(d, "from_previous_package"), JsonTree.text(d, "to_package"),
                    JsonTree.text(d, "from_definition")));
        } catch (IOException | IllegalArgumentException e) {
            // Written atomically, so a parse error means someone edited it: refuse to guess.
            throw new UnexpectedStateException(file + " is not a niso activation journal (" + e.getMessage()
                    + "); inspect and delete it", e);
        }
    }
}
