package online.niso.common.pkg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Moves file creation and writing to a second thread, in member order, so the create/write/chmod
 * syscalls of tens of thousands of small files overlap with decompression and hashing on the
 * scanner thread. Files above {@link #SMALL} are written synchronously after the queue drains.
 * Memory in flight is bounded by {@link #IN_FLIGHT_BYTES}. {@link #close()} joins the thread, so
 * after it returns nothing more can be written (the extractor deletes the staging dir after that).
 */
final class AsyncDiskSink implements MemberSink, AutoCloseable {
    static final int SMALL = 4 << 20;
    static final long IN_FLIGHT_BYTES = 64L << 20;

    private interface Task {
        void run() throws IOException;
    }

    private final PackageExtractor.DiskSink disk;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Semaphore budget = new Semaphore((int) (IN_FLIGHT_BYTES >> 10));
    private final Thread thread;
    private volatile IOException failure;
    private String syncFile; // the large file being written on the caller's thread, if any

    AsyncDiskSink(PackageExtractor.DiskSink disk) {
        this.disk = disk;
        this.thread = new Thread(this::loop, "niso-extract-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                Task t = queue.take();
                if (failure == null) {
                    try {
                        t.run();
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        }
    }

    private void enqueue(Task t) throws IOException {
        checkFailure();
        queue.add(t);
    }

    private void checkFailure() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /** Waits until every queued write is done; rethrows the first write failure. */
    void drain() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        queue.add(done::countDown);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while extracting");
        }
        checkFailure();
    }

    @Override
    public void directory(String path) throws IOException {
        enqueue(() -> disk.directory(path));
    }

    @Override
    public void symlink(String path, String target) throws IOException {
        enqueue(() -> disk.symlink(path, target));
    }

    @Override
    public OutputStream file(String path, int mode, long size) throws IOException {
        if (size > SMALL) {
            drain();
            syncFile = path;
            return disk.file(path, mode, size);
        }
        int permits = (int) (size >> 10) + 1;
        try {
            budget.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while extracting");
        }
        return new ByteArrayOutputStream((int) size) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                // Sized from the header, so normally full: hand over the buffer instead of copying it.
                byte[] data = count == buf.length ? buf : toByteArray();
                enqueue(() -> {
                    try {
                        disk.writeFile(path, mode, data);
                    } finally {
                        budget.release(permits);
                    }
                });
            }
        };
    }

    @Override
    public void fileDone(String path, int mode) throws IOException {
        // Queued files are chmod-ed by their own task; only a synchronously written one needs it here.
        if (path.equals(syncFile)) {
            syncFile = null;
            disk.fileDone(path, mode);
        }
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
