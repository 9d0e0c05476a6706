package online.niso.node.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import online.niso.common.error.UnexpectedStateException;

/**
 * Schema migrations, applied in order, each in its own transaction together with the bump of
 * {@code user_version}. Never edit a released migration; append a new one.
 */
final class Migrations {

    static final List<String> STEPS = List.of(
            // 1: installed package versions
            """
            CREATE TABLE installed_package (
              name          TEXT    NOT NULL,
              version       TEXT    NOT NULL,
              digest        TEXT    NOT NULL,
              signer_key_id TEXT,
              installed_at  TEXT    NOT NULL,
              file_count    INTEGER NOT NULL,
              size_bytes    INTEGER NOT NULL,
              PRIMARY KEY (name, version)
            );
            """,
            // 2: runtimes created from interpreters on the host
            """
            CREATE TABLE runtime (
              name         TEXT    NOT NULL,
              version      TEXT    NOT NULL,
              source       TEXT    NOT NULL,
              digest       TEXT    NOT NULL,
              file_count   INTEGER NOT NULL,
              size_bytes   INTEGER NOT NULL,
              installed_at TEXT    NOT NULL,
              PRIMARY KEY (name, version)
            );
            """,
            // 3: activation history (one row per activate / rollback / deactivate / repair)
            """
            CREATE TABLE activation (
              id           INTEGER PRIMARY KEY AUTOINCREMENT,
              service      TEXT    NOT NULL,
              action       TEXT    NOT NULL,
              from_version TEXT,
              from_digest  TEXT,
              to_version   TEXT,
              to_digest    TEXT,
              outcome      TEXT    NOT NULL,
              reason       TEXT,
              started_at   TEXT    NOT NULL,
              duration_ms  INTEGER NOT NULL,
              who          TEXT    NOT NULL,
              current_after TEXT
            );
            CREATE INDEX activation_service ON activation(service, id);
            """,
            // 4: networks and each service's attachment (IPAM: UNIQUE(network, ip) is the last line of
            // defence against a duplicate address; allocation reads and inserts in one transaction)
            """
            CREATE TABLE network (
              name   TEXT NOT NULL PRIMARY KEY,
              subnet TEXT NOT NULL UNIQUE
            );
            INSERT INTO network(name, subnet) VALUES ('default', '10.99.0.0/24');
            CREATE TABLE net_attachment (
              service     TEXT NOT NULL PRIMARY KEY,
              network     TEXT NOT NULL REFERENCES network(name),
              ip          TEXT NOT NULL,
              ports       TEXT NOT NULL,
              hostname    TEXT,
              allow_from  TEXT NOT NULL,
              deny_from   TEXT NOT NULL,
              egress_allow TEXT NOT NULL,
              egress_deny TEXT NOT NULL,
              UNIQUE (network, ip)
            );
            """,
            // 5: a service on several networks: its per-service settings in net_service, one net_link row per
            // network (position 0 is the primary: default route, published ports, eth0). Every existing
            // attachment becomes a service with its one link at position 0, so hosts keep working as they were.
            """
            CREATE TABLE net_service (
              service      TEXT NOT NULL PRIMARY KEY,
              ports        TEXT NOT NULL,
              hostname     TEXT,
              allow_from   TEXT NOT NULL,
              deny_from    TEXT NOT NULL,
              egress_allow TEXT NOT NULL,
              egress_deny  TEXT NOT NULL
            );
            INSERT INTO net_service(service, ports, hostname, allow_from, deny_from, egress_allow, egress_deny)
              SELECT service, ports, hostname, allow_from, deny_from, egress_allow, egress_deny FROM net_attachment;
            CREATE TABLE net_link (
              service  TEXT    NOT NULL REFERENCES net_service(service) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              network  TEXT    NOT NULL REFERENCES network(name),
              ip       TEXT    NOT NULL,
              PRIMARY KEY (service, position),
              UNIQUE (service, network),
              UNIQUE (network, ip)
            );
            INSERT INTO net_link(service, position, network, ip) SELECT service, 0, network, ip FROM net_attachment;
            DROP TABLE net_attachment;
            """);

    private Migrations() {}

    static int latestVersion() {
        return STEPS.size();
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static void apply(Connection c) throws SQLException {
        int current = currentVersion(c);
        if (current > STEPS.size()) {
            throw new UnexpectedStateException("state database schema version " + current
                    + " is newer than this niso understands (" + STEPS.size() + "); upgrade niso");
        }
        for (int v = current; v < STEPS.size(); v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v).split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
