package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recycled buffers are bigger than the files read into them and hold earlier files' bytes: every file must
 * still come back with exactly its own bytes and hash, in entry order, with big files left to the writer.
 */
class FilePrefetcherTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void everyFileComesBackWithExactlyItsBytesAndHash(long seed) throws Exception {
        Random rnd = new Random(seed);
        int[] edges = {0, 1, 4095, 4096, 4097, 65536, FilePrefetcher.SMALL, FilePrefetcher.SMALL + 1};
        List<PackEntry> entries = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int size = i < edges.length ? edges[i] : rnd.nextInt(3) == 0 ? rnd.nextInt(300_000) : rnd.nextInt(5000);
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Path f = tmp.resolve(String.format("f%03d", i));
            Files.write(f, data);
            entries.add(PackEntry.file(f.getFileName().toString(), f, false));
            contents.add(data);
            if (i % 7 == 0) {
                entries.add(PackEntry.directory(String.format("f%03d.d", i))); // skipped by the prefetcher
            }
        }
        int streamed = 0;
        try (FilePrefetcher p = new FilePrefetcher(entries)) {
            for (byte[] expected : contents) {
                FilePrefetcher.Loaded l = p.next();
                if (expected.length > FilePrefetcher.SMALL) {
                    assertThat(l).isNull();
                    streamed++;
                    continue;
                }
                assertThat(l.length()).isEqualTo(expected.length);
                assertThat(Arrays.copyOf(l.buffer(), l.length())).isEqualTo(expected);
                assertThat(l.sha256()).isEqualTo(HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(expected)));
                if (rnd.nextBoolean()) {
                    Arrays.fill(l.buffer(), (byte) 0x5a); // the writer may scribble; the next user must not care
                }
                p.release(l);
            }
        }
        assertThat(streamed).isEqualTo(1);
    }
}
