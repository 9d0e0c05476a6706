package online.niso.node.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import online.niso.common.cli.NisoVersion;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.trace.Trace;
import online.niso.node.store.NodePaths;

/**
 * The stored half of {@code niso status --json --cached}: what a host runs, kept so that the launcher
 * (lib/status-cached.sh) can answer without a JVM. The file is line 1 {@code niso-status-cache 1 VERSION UNIT...}
 * and line 2 the status document, whose live parts are placeholders ({@link #placeholder}) the script fills in
 * from {@code systemctl show}.
 *
 * <p>Only a host that is asked keeps it: the first {@code status --cached} (answered by Java, as there is no cache
 * yet) leaves a marker, {@code status-cache.wanted}, and writes the cache; from then on every change rewrites it
 * when it ends (~30-60 ms of a change's run). A host nobody asks pays nothing.
 *
 * <p>Why it cannot go stale: a command that may change the state holds a <em>shared</em> OS lock on
 * {@code status-cache.lock} from before its first change to after its last, and deletes the file first. The file is
 * written only by a process that gets the lock <em>exclusively</em>, so only when no change is in flight; a change
 * that is still running writes it when it ends. A command that dies mid-change leaves no file (the reader then asks
 * Java), and the kernel drops its lock.
 */
public final class StatusCache {
    public static final String FORMAT = "niso-status-cache 1";
    /** Stands for the host's name, which the reader takes from the kernel at read time. */
    public static final String HOST = "@niso:host@";

    /** In-JVM holders of the shared lock, by lock file: the OS lock is per process (tests run many commands in one). */
    private static final Map<Path, Shared> SHARED = new HashMap<>();

    private StatusCache() {}

    public static Path file(NodePaths paths) {
        return paths.stateDir().resolve("status-cache");
    }

    static Path lockFile(NodePaths paths) {
        return paths.stateDir().resolve("status-cache.lock");
    }

    static Path wantedMarker(NodePaths paths) {
        return paths.stateDir().resolve("status-cache.wanted");
    }

    /** The token the reader replaces with {@code property} ({@code ActiveState}, {@code SubState}, health) of {@code unit}. */
    public static String placeholder(String property, String unit) {
        return "@niso:" + property + ":" + unit + "@";
    }

    /** The cache file's text: the header naming the units whose state the reader asks systemd for, then the document. */
    public static String render(List<String> units, String document) {
        StringBuilder sb = new StringBuilder(FORMAT).append(' ').append(NisoVersion.get());
        units.stream().sorted().forEach(u -> sb.append(' ').append(u));
        return sb.append('\n').append(document.strip()).append('\n').toString();
    }

    /**
     * {@code status --cached} answered by Java: from now on this host keeps the cache, and if there is none (and no
     * change is in flight) it is written now. Never throws: the cache only saves time.
     */
    public static void wanted(NodePaths paths, Supplier<String> text) {
        if (!Files.isDirectory(paths.stateDir())) {
            return; // nothing installed yet: the first change makes the state directory
        }
        try {
            Files.createFile(wantedMarker(paths));
        } catch (FileAlreadyExistsException e) {
            // asked before
        } catch (IOException e) {
            return; // not root, read-only: nothing to keep
        }
        if (!Files.exists(file(paths))) {
            synchronized (SHARED) {
                if (!SHARED.containsKey(lockFile(paths))) {
                    writeIfNoChangeInFlight(paths, text);
                }
            }
        }
    }

    /**
     * Marks the start of a change: waits for a writer to finish, then deletes the file. {@link Change#close} ends it
     * and, when the host keeps the cache and no other change is in flight, writes {@code text} (computed then).
     */
    public static Change begin(NodePaths paths, Supplier<String> text) {
        Path lock = lockFile(paths);
        synchronized (SHARED) {
            Shared s = SHARED.get(lock);
            if (s == null) {
                s = Shared.acquire(lock);
                SHARED.put(lock, s);
            }
            s.holders++;
            AtomicFiles.delete(file(paths));
        }
        return new Change(paths, lock, text);
    }

    /** One command's change; closing it ends the change (it never throws: the cache only saves time). */
    public static final class Change implements AutoCloseable {
        private final NodePaths paths;
        private final Path lock;
        private final Supplier<String> text;
        private boolean closed;

        private Change(NodePaths paths, Path lock, Supplier<String> text) {
            this.paths = paths;
            this.lock = lock;
            this.text = text;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (SHARED) {
                Shared s = SHARED.get(lock);
                if (--s.holders > 0) {
                    return; // another change in this JVM is in flight: it writes the file when it ends
                }
                SHARED.remove(lock);
                s.release();
                if (Files.exists(wantedMarker(paths))) {
                    writeIfNoChangeInFlight(paths, text);
                }
            }
        }
    }

    /** Writes the cache if this process can take the lock exclusively, i.e. no other process is in a change. */
    private static void writeIfNoChangeInFlight(NodePaths paths, Supplier<String> text) {
        try (FileChannel ch = FileChannel.open(lockFile(paths), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock exclusive;
            try {
                exclusive = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return;
            }
            if (exclusive == null) {
                return; // another process is changing the state: it writes the file when it ends
            }
            try (Trace.Span span = Trace.span("status cache: write")) {
                AtomicFiles.write(file(paths), text.get(), "rw-r--r--");
            } catch (RuntimeException e) {
                // No file, then: the reader asks Java. The command's own outcome stands.
                AtomicFiles.delete(file(paths));
            }
        } catch (IOException | UncheckedIOException e) {
            // As above: without the file the reader falls back, so a cache that cannot be written costs only time.
        }
    }

    private static final class Shared {
        private final FileChannel channel;
        private final FileLock lock;
        private int holders;

        private Shared(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static Shared acquire(Path lockFile) {
            try {
                Files.createDirectories(lockFile.getParent());
                FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                try {
                    return new Shared(ch, ch.lock(0, Long.MAX_VALUE, true));
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new UnexpectedStateException("cannot lock " + lockFile + ": " + e.getMessage(), e);
            }
        }

        void release() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // closing the channel releases the lock in every case
            }
        }
    }
}
