package online.niso.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import online.niso.common.pkg.EntryType;
import online.niso.common.pkg.PackEntry;
import online.niso.common.pkg.PackProgress;

/**
 * The terminal progress bar of {@code niso pack}: only on an interactive terminal, never with
 * --json, and only for trees big enough to take a moment. Drawn on stderr with carriage returns,
 * through a consumer of our own (no terminal library, no native code).
 */
final class PackProgressBar implements PackProgress, AutoCloseable {
    static final int MIN_FILES = 2_000;
    static final long MIN_BYTES = 50L * 1000 * 1000;

    private final ProgressBar bar;

    private PackProgressBar(ProgressBar bar) {
        this.bar = bar;
    }

    /** Whether to draw a bar; {@code bytes} (a stat per file) is only asked for when the count is not enough. */
    static boolean wanted(boolean interactive, boolean json, int files, LongSupplier bytes) {
        if (!interactive || json) {
            return false;
        }
        return files > MIN_FILES || bytes.getAsLong() > MIN_BYTES;
    }

    static PackProgressBar start(PrintWriter err, Map<String, String> env, int entries) {
        int width = columns(env.get("COLUMNS"));
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("pack")
                .setInitialMax(entries)
                .setUpdateIntervalMillis(200)
                .setMaxRenderedLength(width)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print("\r" + line);
                    err.flush();
                }, width) {
                    @Override
                    public void close() {
                        err.println();
                        err.flush();
                    }
                })
                .build();
        return new PackProgressBar(bar);
    }

    static int columns(String columns) {
        try {
            int c = columns == null ? 80 : Integer.parseInt(columns.strip());
            return Math.max(40, Math.min(c - 1, 200));
        } catch (NumberFormatException e) {
            return 79;
        }
    }

    /** Payload file bytes, by a stat of each file (only for trees too small in count to decide). */
    static long fileBytes(List<PackEntry> entries) {
        long total = 0;
        for (PackEntry e : entries) {
            if (e.type() == EntryType.FILE) {
                try {
                    total += Files.readAttributes(e.source(), java.nio.file.attribute.BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS).size();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex); // the writer would fail on it right after anyway
                }
            }
        }
        return total;
    }

    @Override
    public void written(int entriesDone, long bytesDone) {
        bar.stepTo(entriesDone);
    }

    @Override
    public void close() {
        bar.close();
    }
}
