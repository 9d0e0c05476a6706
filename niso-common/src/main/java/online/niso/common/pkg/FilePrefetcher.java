package online.niso.common.pkg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import online.niso.common.error.InvalidInputException;

/**
 * Reads and hashes small payload files on a second thread, in entry order, while the writer
 * thread feeds tar → zstd. With tens of thousands of small files the per-file open/read/hash cost
 * dominates packing; overlapping it with compression is what keeps pack close to
 * {@code tar | zstd -T0}. Files above {@link #SMALL} are left to the writer to stream (signalled by
 * {@link #next()} returning null), so memory stays bounded by {@link #IN_FLIGHT_BYTES}.
 */
final class FilePrefetcher implements AutoCloseable {
    static final int SMALL = 4 << 20;
    static final long IN_FLIGHT_BYTES = 64L << 20;

    /** A file read completely: its bytes and SHA-256 hex. */
    record Loaded(byte[] data, String sha256) {
    }

    private record Failed(Exception error) {
    }

    private static final Object STREAM_IT_YOURSELF = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore budget = new Semaphore((int) (IN_FLIGHT_BYTES >> 10));
    private final Thread thread;

    FilePrefetcher(List<PackEntry> entries) {
        thread = new Thread(() -> run(entries), "niso-pack-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next FILE entry's content, or null when the writer must stream it itself. */
    Loaded next() throws IOException, InterruptedException {
        Object o = queue.take();
        if (o == STREAM_IT_YOURSELF) {
            return null;
        }
        if (o instanceof Failed f) {
            if (f.error() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) f.error();
        }
        Loaded l = (Loaded) o;
        budget.release(permits(l.data().length));
        return l;
    }

    private void run(List<PackEntry> entries) {
        MessageDigest sha = CanonicalStatement.newSha256();
        try {
            for (PackEntry e : entries) {
                if (e.type() != EntryType.FILE) {
                    continue;
                }
                try (FileChannel in = FileChannel.open(e.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    long size = in.size();
                    if (size > SMALL) {
                        queue.put(STREAM_IT_YOURSELF);
                        continue;
                    }
                    budget.acquire(permits((int) size));
                    byte[] data = new byte[(int) size];
                    ByteBuffer bb = ByteBuffer.wrap(data);
                    while (bb.hasRemaining()) {
                        if (in.read(bb) < 0) {
                            throw new InvalidInputException(e.source() + " shrank while packing; pack again");
                        }
                    }
                    if (in.read(ByteBuffer.allocate(1)) > 0) {
                        throw new InvalidInputException(e.source() + " grew while packing; pack again");
                    }
                    sha.reset();
                    queue.put(new Loaded(data, HexFormat.of().formatHex(sha.digest(data))));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the writer gave up; just stop
        } catch (IOException | RuntimeException e) {
            queue.add(new Failed(e));
        }
    }

    private static int permits(int bytes) {
        return (bytes >> 10) + 1;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
