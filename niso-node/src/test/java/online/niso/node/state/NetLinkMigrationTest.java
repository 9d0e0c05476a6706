package online.niso.node.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import online.niso.common.model.IpAddress;
import online.niso.common.model.PortMapping;
import online.niso.node.net.Attachment;
import online.niso.node.net.Link;
import online.niso.node.net.NetRepository;
import online.niso.node.net.NetState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 5 on a state DB written by a niso that knew one network per service (schema 4, built here from the
 * released migrations): every attachment keeps its network, address, ports, alias and policy, as its primary link.
 */
class NetLinkMigrationTest {
    @TempDir Path dir;

    private Path schema4WithTwoServices() throws SQLException {
        Path file = dir.resolve("niso.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String step : Migrations.STEPS.subList(0, 4)) {
                for (String sql : step.split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
            s.execute("PRAGMA user_version = 4");
            s.execute("INSERT INTO network(name, subnet) VALUES ('backend', '10.99.1.0/24')");
            s.execute("INSERT INTO net_attachment VALUES ('api', 'backend', '10.99.1.2', '8080:8080', 'web',"
                    + " 'frontend', '', 'db.niso.local:5432', '')");
            s.execute("INSERT INTO net_attachment VALUES ('db', 'default', '10.99.0.2', '', NULL, '', '', '', '')");
        }
        return file;
    }

    @Test
    void existingAttachmentsBecomePrimaryLinksWithEverythingElseKept() throws SQLException {
        Path file = schema4WithTwoServices();
        try (StateDb db = StateDb.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion());
            NetState s = db.read(NetRepository::load);
            Attachment api = s.attachment("api").orElseThrow();
            assertThat(api.links()).containsExactly(new Link("backend", IpAddress.parse("10.99.1.2")));
            assertThat(api.ports()).containsExactly(PortMapping.parse("8080:8080"));
            assertThat(api.hostname()).contains("web");
            assertThat(api.policy().allowFrom()).hasSize(1);
            assertThat(api.policy().egressAllow()).hasSize(1);
            assertThat(s.attachment("db").orElseThrow().links())
                    .containsExactly(new Link("default", IpAddress.parse("10.99.0.2")));
            assertThat(s.attachment("db").orElseThrow().hostname()).isEqualTo(Optional.empty());
        }
    }

    @Test
    void theNewSchemaStillRefusesADuplicateAddressOnANetwork() throws SQLException {
        Path file = schema4WithTwoServices();
        try (StateDb db = StateDb.open(file)) {
            Attachment clash = new Attachment("other", List.of(new Link("backend", IpAddress.parse("10.99.1.2"))),
                    List.of(), Optional.empty(), online.niso.common.model.NetworkPolicy.OPEN);
            assertThatThrownBy(() -> db.inTransaction(c -> {
                NetRepository.upsertAttachment(c, clash);
                return null;
            })).hasMessageContaining("UNIQUE");
            assertThat(db.read(NetRepository::load).attachment("other")).isEmpty();
        }
    }
}
