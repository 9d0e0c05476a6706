package online.niso.node.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDbTest {

    @TempDir Path dir;

    @Test
    void migratesAFreshDatabaseToTheLatestSchemaInWalMode() {
        try (StateDb db = StateDb.open(dir.resolve("state/niso.db"))) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion());
            String mode = db.read(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotReapplyMigrations() {
        Path file = dir.resolve("niso.db");
        InstalledPackage p = new InstalledPackage("api", "1.0.0", "sha256:ab", Optional.of("SHA256:k"),
                Instant.parse("2026-01-01T00:00:00Z"), 3, 42);
        try (StateDb db = StateDb.open(file)) {
            db.inTransaction(c -> {
                PackageRepository.insert(c, p);
                return null;
            });
        }
        try (StateDb db = StateDb.open(file)) {
            Optional<InstalledPackage> found = db.read(c -> PackageRepository.find(c, "api", "1.0.0"));
            assertThat(found).contains(p);
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (StateDb db = StateDb.open(dir.resolve("niso.db"))) {
            InstalledPackage p = new InstalledPackage("api", "1.0.0", "sha256:ab", Optional.empty(),
                    Instant.EPOCH, 1, 1);
            try {
                db.inTransaction(c -> {
                    PackageRepository.insert(c, p);
                    throw new IllegalStateException("crash mid-transaction");
                });
            } catch (IllegalStateException expected) {
                // the insert must have been rolled back
            }
            java.util.List<InstalledPackage> all = db.read(c -> PackageRepository.list(c, Optional.empty()));
            assertThat(all).isEmpty();
        }
    }
}
