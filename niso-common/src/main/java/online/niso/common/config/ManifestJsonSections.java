package online.niso.common.config;

import static online.niso.common.config.ManifestJson.array;
import static online.niso.common.config.ManifestJson.bool;
import static online.niso.common.config.ManifestJson.duration;
import static online.niso.common.config.ManifestJson.int32;
import static online.niso.common.config.ManifestJson.integer;
import static online.niso.common.config.ManifestJson.member;
import static online.niso.common.config.ManifestJson.members;
import static online.niso.common.config.ManifestJson.object;
import static online.niso.common.config.ManifestJson.optText;
import static online.niso.common.config.ManifestJson.stringList;
import static online.niso.common.config.ManifestJson.strings;
import static online.niso.common.config.ManifestJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import online.niso.common.model.AccessMode;
import online.niso.common.model.ByteSize;
import online.niso.common.model.Cidr;
import online.niso.common.model.ConfigEnum;
import online.niso.common.model.CpuPercent;
import online.niso.common.model.HealthCheck;
import online.niso.common.model.IpAddress;
import online.niso.common.model.Isolation;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkSpec;
import online.niso.common.model.PortMapping;
import online.niso.common.model.Protocol;
import online.niso.common.model.Resources;
import online.niso.common.model.Security;
import online.niso.common.model.Ulimit;
import online.niso.common.model.VolumeSpec;

/** {@link ManifestJson}'s nested sections: [healthcheck], [network], [isolation], [volumes]. */
final class ManifestJsonSections {
    private ManifestJsonSections() {}

    static ObjectNode healthCheck(HealthCheck h) {
        ObjectNode o = object();
        if (h.probe() instanceof HealthCheck.Http http) {
            o.put("http", http.url().toString());
        } else if (h.probe() instanceof HealthCheck.Tcp tcp) {
            o.putObject("tcp").put("host", tcp.host()).put("port", tcp.port());
        } else {
            strings(o, "exec", ((HealthCheck.Exec) h.probe()).argv());
        }
        o.put("interval", h.interval().toString());
        o.put("timeout", h.timeout().toString());
        o.put("retries", h.retries());
        o.put("start_period", h.startPeriod().toString());
        return o;
    }

    static HealthCheck healthCheck(JsonNode o) {
        HealthCheck.Probe probe;
        if (o.has("http")) {
            try {
                probe = new HealthCheck.Http(new URI(text(o, "http")));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("http: " + e.getMessage());
            }
        } else if (o.has("tcp")) {
            JsonNode t = member(o, "tcp");
            probe = new HealthCheck.Tcp(text(t, "host"), int32(t, "port"));
        } else {
            probe = new HealthCheck.Exec(stringList(o, "exec"));
        }
        return new HealthCheck(probe, duration(o, "interval"), duration(o, "timeout"), int32(o, "retries"),
                duration(o, "start_period"));
    }

    static ObjectNode network(NetworkSpec n) {
        ObjectNode o = object();
        strings(o, "networks", n.networks());
        ArrayNode ports = o.putArray("ports");
        for (PortMapping p : n.ports()) {
            ObjectNode po = ports.addObject();
            p.bindAddress().ifPresent(a -> po.put("bind", a.toString()));
            po.put("host_port", p.hostPort()).put("container_port", p.containerPort())
                    .put("protocol", p.protocol().configName());
        }
        n.hostname().ifPresent(h -> o.put("hostname", h));
        n.ip().ifPresent(ip -> o.put("ip", ip.toString()));
        ObjectNode policy = o.putObject("policy");
        peers(policy.putArray("allow_from"), n.policy().allowFrom());
        peers(policy.putArray("deny_from"), n.policy().denyFrom());
        egress(policy.putArray("egress_allow"), n.policy().egressAllow());
        egress(policy.putArray("egress_deny"), n.policy().egressDeny());
        return o;
    }

    private static void peers(ArrayNode a, List<NetworkPolicy.Peer> peers) {
        for (NetworkPolicy.Peer p : peers) {
            if (p instanceof NetworkPolicy.NetworkPeer np) {
                a.addObject().put("network", np.network());
            } else {
                cidr(a.addObject(), ((NetworkPolicy.CidrPeer) p).cidr());
            }
        }
    }

    private static void egress(ArrayNode a, List<NetworkPolicy.EgressRule> rules) {
        for (NetworkPolicy.EgressRule r : rules) {
            ObjectNode o = a.addObject();
            r.host().ifPresent(h -> o.put("host", h));
            r.cidr().ifPresent(c -> cidr(o, c));
            r.port().ifPresent(p -> o.put("port", p));
        }
    }

    /** Address and prefix apart: built with Cidr's constructor, never re-parsed (which checks host bits). */
    private static void cidr(ObjectNode o, Cidr c) {
        o.put("address", c.address().toString()).put("prefix", c.prefix());
    }

    private static Cidr cidr(JsonNode o) {
        return new Cidr(IpAddress.parse(text(o, "address")), int32(o, "prefix"));
    }

    static NetworkSpec network(JsonNode o) {
        List<PortMapping> ports = new ArrayList<>();
        for (JsonNode p : array(o, "ports")) {
            ports.add(new PortMapping(optText(p, "bind").map(IpAddress::parse), int32(p, "host_port"),
                    int32(p, "container_port"), ConfigEnum.parse(Protocol.class, text(p, "protocol"), "a protocol")));
        }
        JsonNode pol = member(o, "policy");
        NetworkPolicy policy = new NetworkPolicy(peers(array(pol, "allow_from")), peers(array(pol, "deny_from")),
                egress(array(pol, "egress_allow")), egress(array(pol, "egress_deny")));
        return new NetworkSpec(stringList(o, "networks"), ports, optText(o, "hostname"),
                optText(o, "ip").map(IpAddress::parse), policy);
    }

    private static List<NetworkPolicy.Peer> peers(JsonNode a) {
        List<NetworkPolicy.Peer> out = new ArrayList<>();
        for (JsonNode p : a) {
            out.add(p.has("network") ? new NetworkPolicy.NetworkPeer(text(p, "network"))
                    : new NetworkPolicy.CidrPeer(cidr(p)));
        }
        return out;
    }

    private static List<NetworkPolicy.EgressRule> egress(JsonNode a) {
        List<NetworkPolicy.EgressRule> out = new ArrayList<>();
        for (JsonNode r : a) {
            out.add(new NetworkPolicy.EgressRule(optText(r, "host"),
                    r.has("address") ? Optional.of(cidr(r)) : Optional.empty(),
                    r.has("port") ? OptionalInt.of(int32(r, "port")) : OptionalInt.empty()));
        }
        return out;
    }

    static ObjectNode isolation(Isolation i) {
        ObjectNode o = object();
        o.put("preset", i.preset().configName());
        Resources r = i.resources();
        ObjectNode res = o.putObject("resources");
        r.memoryMax().ifPresent(v -> res.put("memory_max", v.bytes()));
        r.memoryHigh().ifPresent(v -> res.put("memory_high", v.bytes()));
        r.cpuMax().ifPresent(v -> res.put("cpu_max", v.percent()));
        r.pidsLimit().ifPresent(v -> res.put("pids_limit", v));
        r.shmSize().ifPresent(v -> res.put("shm_size", v.bytes()));
        r.ioWeight().ifPresent(v -> res.put("io_weight", v));
        ObjectNode ulimits = res.putObject("ulimits");
        r.ulimits().forEach((k, u) -> ulimits.putObject(k).put("soft", u.soft()).put("hard", u.hard()));
        Security s = i.security();
        ObjectNode sec = o.putObject("security");
        s.seccomp().ifPresent(v -> sec.put("seccomp", v.configName()));
        strings(sec, "capabilities_add", List.copyOf(s.capabilitiesAdd()));
        strings(sec, "capabilities_drop", List.copyOf(s.capabilitiesDrop()));
        s.noNewPrivileges().ifPresent(v -> sec.put("no_new_privileges", v));
        return o;
    }

    static Isolation isolation(JsonNode o) {
        JsonNode r = member(o, "resources");
        Map<String, Ulimit> ulimits = new LinkedHashMap<>();
        members(r, "ulimits").forEach((k, u) -> ulimits.put(k, new Ulimit(integer(u, "soft"), integer(u, "hard"))));
        Resources res = new Resources(size(r, "memory_max"), size(r, "memory_high"),
                r.has("cpu_max") ? Optional.of(new CpuPercent(int32(r, "cpu_max"))) : Optional.empty(),
                optInt(r, "pids_limit"), size(r, "shm_size"), optInt(r, "io_weight"), ulimits);
        JsonNode s = member(o, "security");
        Security sec = new Security(
                optText(s, "seccomp").map(t -> ConfigEnum.parse(Security.Seccomp.class, t, "a seccomp profile")),
                new LinkedHashSet<>(stringList(s, "capabilities_add")),
                new LinkedHashSet<>(stringList(s, "capabilities_drop")),
                s.has("no_new_privileges") ? Optional.of(bool(s, "no_new_privileges")) : Optional.empty());
        return new Isolation(ConfigEnum.parse(Isolation.Preset.class, text(o, "preset"), "an isolation preset"),
                res, sec);
    }

    private static Optional<ByteSize> size(JsonNode o, String key) {
        return o.has(key) ? Optional.of(new ByteSize(integer(o, key))) : Optional.empty();
    }

    private static OptionalInt optInt(JsonNode o, String key) {
        return o.has(key) ? OptionalInt.of(int32(o, key)) : OptionalInt.empty();
    }

    static ObjectNode volumes(Map<String, VolumeSpec> volumes) {
        ObjectNode o = object();
        volumes.forEach((name, v) -> {
            ObjectNode vo = o.putObject(name);
            vo.put("mount", v.mount());
            if (v instanceof VolumeSpec.Named n) {
                vo.put("kind", "named").put("mode", n.mode().configName());
            } else if (v instanceof VolumeSpec.Tmpfs t) {
                vo.put("kind", "tmpfs");
                t.size().ifPresent(s -> vo.put("size", s.bytes()));
            } else {
                VolumeSpec.Bind b = (VolumeSpec.Bind) v;
                vo.put("kind", "bind").put("host", b.hostPath()).put("mode", b.mode().configName());
            }
        });
        return o;
    }

    static Map<String, VolumeSpec> volumes(JsonNode doc) {
        requireObjectNode(doc, "volumes");
        Map<String, VolumeSpec> out = new LinkedHashMap<>();
        doc.fields().forEachRemaining(f -> out.put(f.getKey(), volume(f.getKey(), f.getValue())));
        return out;
    }

    private static VolumeSpec volume(String name, JsonNode v) {
        String mount = text(v, "mount");
        String kind = text(v, "kind");
        return switch (kind) {
            case "named" -> new VolumeSpec.Named(name, mount, mode(v));
            case "tmpfs" -> new VolumeSpec.Tmpfs(name, mount, size(v, "size"));
            case "bind" -> new VolumeSpec.Bind(name, mount, text(v, "host"), mode(v));
            default -> throw new IllegalArgumentException("volumes." + name + ".kind: unknown " + kind);
        };
    }

    private static AccessMode mode(JsonNode v) {
        return ConfigEnum.parse(AccessMode.class, text(v, "mode"), "an access mode");
    }

    private static void requireObjectNode(JsonNode n, String key) {
        ManifestJson.requireObject(n, key);
    }
}
