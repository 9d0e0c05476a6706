package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import online.niso.node.state.StateDb;
import online.niso.node.store.NodePaths;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `since` read newest-first with an early stop (what `niso status` asks for every service) is the same as the
 * definition over the whole history, on seeded random histories interleaved with another service's rows.
 */
class HistorySinceTest {
    static final List<String> VERSIONS = List.of("1.0.0", "2.0.0", "3.0.0");

    @TempDir Path root;

    static LongStream seeds() {
        return LongStream.range(1, 121);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theEarlyStoppingQueryAgreesWithTheWholeHistory(long seed) {
        Random r = new Random(seed);
        NodePaths paths = NodePaths.of(root);
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        int rows = r.nextInt(14);
        try (StateDb db = StateDb.open(paths.stateDb())) {
            db.inTransaction(c -> {
                Instant at = t;
                for (int i = 0; i < rows; i++) {
                    at = at.plusSeconds(1 + r.nextInt(100));
                    String service = r.nextInt(4) == 0 ? "other" : "api";
                    Optional<String> after = r.nextInt(6) == 0 ? Optional.empty()
                            : Optional.of(VERSIONS.get(r.nextInt(VERSIONS.size())));
                    HistoryRepository.insert(c, new HistoryEntry(service, "activate", Optional.empty(), Optional.empty(),
                            "activated", Optional.empty(), at, 10, "test", after));
                }
                return null;
            });
        }
        List<HistoryEntry> all = HistoryRepository.history(paths, "api");
        List<Optional<Instant>> expected = new ArrayList<>();
        List<Optional<Instant>> got = new ArrayList<>();
        for (String v : VERSIONS) {
            expected.add(currentSince(all, v));
            got.add(HistoryRepository.currentSince(paths, "api", v));
        }
        assertThat(got).as("seed %d, %d rows", seed, rows).isEqualTo(expected);
    }

    /**
     * The definition, over the whole history oldest first: the start of the latest action that changed
     * {@code current} to {@code version} (a no-op "unchanged" run does not reset the clock).
     */
    static Optional<Instant> currentSince(List<HistoryEntry> history, String version) {
        Optional<String> before = Optional.empty();
        Optional<Instant> since = Optional.empty();
        for (HistoryEntry e : history) {
            if (e.currentAfter().equals(Optional.of(version)) && !before.equals(Optional.of(version))) {
                since = Optional.of(e.startedAt());
            }
            before = e.currentAfter();
        }
        return since;
    }
}
