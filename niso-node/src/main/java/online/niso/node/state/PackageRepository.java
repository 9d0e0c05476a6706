package online.niso.node.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Installed package versions. Callers wrap mutations in {@link StateDb#inTransaction}. */
public final class PackageRepository {

    private PackageRepository() {}

    public static void insert(Connection c, InstalledPackage p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO installed_package(name, version, digest, signer_key_id, installed_at, file_count, size_bytes)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name, version) DO UPDATE SET digest = excluded.digest,
                  signer_key_id = excluded.signer_key_id, installed_at = excluded.installed_at,
                  file_count = excluded.file_count, size_bytes = excluded.size_bytes""")) {
            s.setString(1, p.name());
            s.setString(2, p.version());
            s.setString(3, p.digest());
            s.setString(4, p.signerKeyId().orElse(null));
            s.setString(5, p.installedAt().toString());
            s.setLong(6, p.fileCount());
            s.setLong(7, p.sizeBytes());
            s.executeUpdate();
        }
    }

    public static Optional<InstalledPackage> find(Connection c, String name, String version) throws SQLException {
        List<InstalledPackage> found = query(c, "WHERE name = ? AND version = ?", name, version);
        return found.stream().findFirst();
    }

    public static List<InstalledPackage> list(Connection c, Optional<String> name) throws SQLException {
        return name.isPresent() ? query(c, "WHERE name = ?", name.get()) : query(c, "");
    }

    public static boolean delete(Connection c, String name, String version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM installed_package WHERE name = ? AND version = ?")) {
            s.setString(1, name);
            s.setString(2, version);
            return s.executeUpdate() > 0;
        }
    }

    private static List<InstalledPackage> query(Connection c, String where, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name, version, digest, signer_key_id, installed_at,"
                + " file_count, size_bytes FROM installed_package " + where + " ORDER BY name, version")) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<InstalledPackage> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new InstalledPackage(rs.getString(1), rs.getString(2), rs.getString(3),
                            Optional.ofNullable(rs.getString(4)), Instant.parse(rs.getString(5)),
                            rs.getLong(6), rs.getLong(7)));
                }
            }
            return out;
        }
    }
}
