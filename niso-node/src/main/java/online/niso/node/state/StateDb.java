package online.niso.node.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.trace.Trace;

/**
 * The host's SQLite state database ({@code /opt/niso/state/niso.db}): WAL mode, versioned
 * migrations tracked in {@code PRAGMA user_version}, and every change inside a transaction.
 */
public final class StateDb implements AutoCloseable {

    private final Connection connection;

    private StateDb(Connection connection) {
        this.connection = connection;
    }

    public static StateDb open(Path file) {
        try (Trace.Span span = Trace.span("state db: open, pragmas, migrations")) {
            Files.createDirectories(file.getParent());
            // The driver itself, not DriverManager: DriverManager first scans every jar for java.sql.Driver
            // services (~20 ms of each short-lived niso run).
            Connection c = new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                // WAL persists in the file; busy_timeout makes a concurrent niso wait instead of failing.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA synchronous=FULL");
            }
            StateDb db = new StateDb(c);
            Migrations.apply(c);
            return db;
        } catch (SQLException | IOException e) {
            throw new UnexpectedStateException("cannot open state database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: all of its changes land, or none do. */
    public <T> T inTransaction(SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new UnexpectedStateException("state database error: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work}'s queries against one snapshot of the database: in autocommit mode every SELECT would
     * see the state of its own moment, and a concurrent niso committing between two of them (a service row and
     * its network links, say) would show a half-written state.
     */
    public <T> T read(SqlWork<T> work) {
        try {
            if (connection.getAutoCommit()) {
                return inTransaction(work);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new UnexpectedStateException("state database error: " + e.getMessage(), e);
        }
    }

    public int schemaVersion() {
        return read(Migrations::currentVersion);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a read-only or already-broken connection loses nothing.
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
