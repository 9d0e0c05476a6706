package online.niso.node.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rows of the {@code runtime} table. */
final class RuntimeRepository {
    private RuntimeRepository() {}

    static void upsert(Connection c, RuntimeStore.InstalledRuntime r, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO runtime(name, version, source, digest, file_count, size_bytes, installed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name, version) DO UPDATE SET source = excluded.source, digest = excluded.digest,
                  file_count = excluded.file_count, size_bytes = excluded.size_bytes,
                  installed_at = excluded.installed_at""")) {
            s.setString(1, r.name());
            s.setString(2, r.version());
            s.setString(3, r.source());
            s.setString(4, r.digest());
            s.setLong(5, r.files());
            s.setLong(6, r.bytes());
            s.setString(7, at.toString());
            s.executeUpdate();
        }
    }

    static List<RuntimeStore.InstalledRuntime> list(Connection c) throws SQLException {
        List<RuntimeStore.InstalledRuntime> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, version, source, digest, file_count, size_bytes FROM runtime ORDER BY name, version");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new RuntimeStore.InstalledRuntime(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getLong(6)));
            }
        }
        return out;
    }

    static boolean delete(Connection c, String name, String version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM runtime WHERE name = ? AND version = ?")) {
            s.setString(1, name);
            s.setString(2, version);
            return s.executeUpdate() > 0;
        }
    }
}
