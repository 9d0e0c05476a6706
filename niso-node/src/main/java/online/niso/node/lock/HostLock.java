package online.niso.node.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import online.niso.common.error.UnexpectedStateException;

/**
 * The per-host lock: every niso invocation that changes state holds it, so two invocations (a person's
 * {@code niso activate} and a fleet rollout, say) never interleave. It is an OS file lock, so a killed
 * process releases it automatically — there is no stale lock to clean up by hand.
 */
public final class HostLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static HostLock acquire(Path lockFile, Duration wait, Clock clock) {
        try (online.niso.common.trace.Trace.Span span = online.niso.common.trace.Trace.span("lock " + lockFile)) {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Instant deadline = clock.instant().plus(wait);
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this JVM: treat like another holder
                }
                if (lock != null) {
                    return new HostLock(channel, lock);
                }
                if (!clock.instant().isBefore(deadline)) {
                    channel.close();
                    throw new UnexpectedStateException("another niso command holds the host lock " + lockFile
                            + " (waited " + wait.toSeconds() + "s); retry when it has finished");
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UnexpectedStateException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnexpectedStateException("interrupted while waiting for the host lock " + lockFile, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // Closing the channel releases the OS lock in every case.
        }
    }
}
