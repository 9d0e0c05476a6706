package online.niso.node.activate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code activation} table. Callers wrap inserts in {@code StateDb.inTransaction}. */
public final class HistoryRepository {
    private HistoryRepository() {}

    /** One row, in its own transaction. */
    static void record(online.niso.node.store.NodePaths paths, HistoryEntry e) {
        try (online.niso.node.state.StateDb db = online.niso.node.state.StateDb.open(paths.stateDb())) {
            db.inTransaction(c -> {
                insert(c, e);
                return null;
            });
        }
    }

    /** Every row of {@code name}, oldest first; none without a state DB. */
    static List<HistoryEntry> history(online.niso.node.store.NodePaths paths, String name) {
        if (!java.nio.file.Files.exists(paths.stateDb())) {
            return List.of();
        }
        try (online.niso.node.state.StateDb db = online.niso.node.state.StateDb.open(paths.stateDb())) {
            return db.read(c -> list(c, name));
        }
    }

    /**
     * When {@code version} became current for {@code name}: the start of the latest action that changed
     * {@code current} to it (a no-op "unchanged" run does not reset the clock). Read newest first, stopping at the
     * row before the latest run of rows that left {@code version} current (usually after two rows: `niso status`
     * asks this for every service, and a service's history only grows).
     */
    static Optional<Instant> currentSince(online.niso.node.store.NodePaths paths, String name, String version) {
        if (!java.nio.file.Files.exists(paths.stateDb())) {
            return Optional.empty();
        }
        try (online.niso.node.state.StateDb db = online.niso.node.state.StateDb.open(paths.stateDb())) {
            return db.read(c -> currentSince(c, name, version));
        }
    }

    static Optional<Instant> currentSince(Connection c, String service, String version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT current_after, started_at FROM activation WHERE service = ? ORDER BY id DESC")) {
            s.setString(1, service);
            Optional<Instant> since = Optional.empty();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (version.equals(rs.getString(1))) {
                        since = Optional.of(Instant.parse(rs.getString(2))); // an earlier row of the same run wins
                    } else if (since.isPresent()) {
                        break; // the row before the run: the run's first row is when it became current
                    }
                }
            }
            return since;
        }
    }

    public static void insert(Connection c, HistoryEntry e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO activation(service, action, from_version, from_digest, to_version, to_digest, outcome,
                  reason, started_at, duration_ms, who, current_after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, e.service());
            s.setString(2, e.action());
            s.setString(3, e.from().map(VersionRef::version).orElse(null));
            s.setString(4, e.from().map(VersionRef::digest).orElse(null));
            s.setString(5, e.to().map(VersionRef::version).orElse(null));
            s.setString(6, e.to().map(VersionRef::digest).orElse(null));
            s.setString(7, e.outcome());
            s.setString(8, e.reason().orElse(null));
            s.setString(9, e.startedAt().toString());
            s.setLong(10, e.durationMs());
            s.setString(11, e.who());
            s.setString(12, e.currentAfter().orElse(null));
            s.executeUpdate();
        }
    }

    /** Oldest first. */
    public static List<HistoryEntry> list(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT service, action, from_version, from_digest, to_version, to_digest, outcome, reason,
                  started_at, duration_ms, who, current_after
                FROM activation WHERE service = ? ORDER BY id""")) {
            s.setString(1, service);
            List<HistoryEntry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new HistoryEntry(rs.getString(1), rs.getString(2), ref(rs.getString(3), rs.getString(4)),
                            ref(rs.getString(5), rs.getString(6)), rs.getString(7),
                            Optional.ofNullable(rs.getString(8)), Instant.parse(rs.getString(9)), rs.getLong(10),
                            rs.getString(11), Optional.ofNullable(rs.getString(12))));
                }
            }
            return out;
        }
    }

    private static Optional<VersionRef> ref(String version, String digest) {
        return version == null ? Optional.empty() : Optional.of(new VersionRef(version, digest == null ? "" : digest));
    }
}
