package online.niso.node.net;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.PortMapping;

/** Networks and attachments in the state DB. Callers wrap mutations in {@code StateDb.inTransaction}. */
public final class NetRepository {
    private NetRepository() {}

    /**
     * Takes the database's write lock now, at the start of a transaction that will read and then
     * write (IPAM): a deferred transaction would read, then fail to upgrade when a concurrent niso
     * wrote in between; this way the second one waits (busy_timeout) and then reads the first's result.
     */
    public static void lockForWrite(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE network SET subnet = subnet WHERE name = ''")) {
            s.executeUpdate();
        }
    }

    public static NetState load(Connection c) throws SQLException {
        return new NetState(networks(c), attachments(c));
    }

    public static List<Network> networks(Connection c) throws SQLException {
        List<Network> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, subnet FROM network ORDER BY name");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Network(rs.getString(1), Cidr.parse(rs.getString(2))));
            }
        }
        return out;
    }

    public static void insertNetwork(Connection c, Network n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO network(name, subnet) VALUES (?, ?)")) {
            s.setString(1, n.name());
            s.setString(2, n.subnet().toString());
            s.executeUpdate();
        }
    }

    public static boolean deleteNetwork(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM network WHERE name = ?")) {
            s.setString(1, name);
            return s.executeUpdate() > 0;
        }
    }

    public static List<Attachment> attachments(Connection c) throws SQLException {
        Map<String, List<Link>> links = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT service, network, ip FROM net_link ORDER BY service, position");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                links.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Link(rs.getString(2), IpAddress.parse(rs.getString(3))));
            }
        }
        List<Attachment> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT service, ports, hostname, allow_from,"
                + " deny_from, egress_allow, egress_deny FROM net_service ORDER BY service");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Attachment(rs.getString(1), links.getOrDefault(rs.getString(1), List.of()),
                        PolicyCodec.split(rs.getString(2), PortMapping::parse), Optional.ofNullable(rs.getString(3)),
                        PolicyCodec.policy(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))));
            }
        }
        return out;
    }

    /** Inserts or replaces the service's attachment: its settings and all of its links. */
    public static void upsertAttachment(Connection c, Attachment a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO net_service(service, ports, hostname, allow_from, deny_from, egress_allow, egress_deny)
                  VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(service) DO UPDATE SET ports = excluded.ports, hostname = excluded.hostname,
                  allow_from = excluded.allow_from, deny_from = excluded.deny_from,
                  egress_allow = excluded.egress_allow, egress_deny = excluded.egress_deny""")) {
            s.setString(1, a.service());
            s.setString(2, PolicyCodec.joinPorts(a.ports()));
            s.setString(3, a.hostname().orElse(null));
            s.setString(4, PolicyCodec.joinPeers(a.policy().allowFrom()));
            s.setString(5, PolicyCodec.joinPeers(a.policy().denyFrom()));
            s.setString(6, PolicyCodec.joinEgress(a.policy().egressAllow()));
            s.setString(7, PolicyCodec.joinEgress(a.policy().egressDeny()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM net_link WHERE service = ?")) {
            s.setString(1, a.service());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO net_link(service, position, network, ip) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < a.links().size(); i++) {
                Link l = a.links().get(i);
                s.setString(1, a.service());
                s.setInt(2, i);
                s.setString(3, l.network());
                s.setString(4, l.ip().toString());
                s.executeUpdate();
            }
        }
    }

    /** Deletes the service's settings and (cascade) its links. */
    public static boolean deleteAttachment(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM net_service WHERE service = ?")) {
            s.setString(1, service);
            return s.executeUpdate() > 0;
        }
    }
}
