package online.niso.node.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.json.Json;
import online.niso.common.model.Names;
import online.niso.node.activate.AtomicFiles;
import online.niso.node.lock.HostLock;
import online.niso.node.store.NodePaths;

/**
 * The stack records in {@code /opt/niso/stacks/<name>.json}: one file per stack, replaced atomically after
 * every service that changed, so a failed or killed {@code up} leaves a record of what it did start. A file
 * rather than a state-DB table: the record is one document read and written whole.
 */
public final class StackRecords {
    public static final Duration LOCK_WAIT = Duration.ofSeconds(120);

    private final NodePaths paths;

    public StackRecords(NodePaths paths) {
        this.paths = paths;
    }

    Path dir() {
        return paths.nisoHome().resolve("stacks");
    }

    Path file(String name) {
        return dir().resolve(Names.name(name) + ".json");
    }

    public Optional<StackRecord> load(String name) {
        Optional<String> text = AtomicFiles.read(file(name));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(text.get(), StackRecord.class));
        } catch (IOException e) {
            throw new UnexpectedStateException("stack record " + file(name) + " is damaged: " + e.getMessage(), e);
        }
    }

    public void save(StackRecord record) {
        AtomicFiles.write(file(record.name()), Json.line(record) + "\n", "rw-------");
    }

    public void delete(String name) {
        AtomicFiles.delete(file(name));
    }

    /** Names of recorded stacks, sorted. */
    public List<String> names() {
        if (!Files.isDirectory(dir())) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir())) {
            return list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json") && !f.startsWith("."))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record a command without a file acts on: the named one, else the only one on this host. */
    public StackRecord resolve(Optional<String> name) {
        if (name.isPresent()) {
            return load(name.get()).orElseThrow(() -> new InvalidInputException("no stack named " + name.get()
                    + " is deployed on this host" + known()));
        }
        List<String> names = names();
        if (names.size() == 1) {
            return load(names.get(0)).orElseThrow();
        }
        throw new InvalidInputException(names.isEmpty() ? "no stack is deployed on this host (no stack file given)"
                : "several stacks are deployed (" + String.join(", ", names) + "); pass -f FILE or --stack NAME");
    }

    private String known() {
        List<String> names = names();
        return names.isEmpty() ? "" : " (deployed: " + String.join(", ", names) + ")";
    }

    /** One {@code up}/{@code down}/{@code upgrade} per stack at a time (an OS file lock). */
    public HostLock lock(String name, Clock clock) {
        return HostLock.acquire(paths.stateDir().resolve("locks").resolve("stack-" + Names.name(name) + ".lock"),
                LOCK_WAIT, clock);
    }
}
