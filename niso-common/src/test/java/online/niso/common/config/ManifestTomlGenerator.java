package online.niso.common.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random manifest.toml documents that are valid, with every section and most keys optional, so that
 * tests can compare what different paths make of them. Every value form the parser accepts appears: short
 * and long forms, IPv4 and IPv6, "infinity" ulimits, several probes, all volume kinds.
 */
final class ManifestTomlGenerator {
    static final String[] SIGNALS = {"SIGTERM", "TERM", "SIGINT", "SIGQUIT", "HUP", "SIGUSR1", "SIGKILL"};
    static final String[] DURATIONS = {"1s", "30s", "5m", "1h30m", "500ms", "2d", "1m30s", "0s", "45s", "1h"};
    static final String[] TEXT = {"", "x", "Production REST API", "quote \" and \\ backslash", "tab\there", "ünïcødé ✓",
            "日本語", "a=b; c", "emoji 🚀", "--flag=value", "#not-a-comment", "${HOME}"};

    private final Random r;

    ManifestTomlGenerator(long seed) {
        this.r = new Random(seed);
    }

    String next() {
        StringBuilder t = new StringBuilder();
        t.append("[package]\nname = ").append(q(pick("my-api", "web", "a", "static-web", "db-1", "x-y-z")))
                .append("\nversion = ").append(q(pick("1.0.0", "2", "16.0", "1.2.3-rc.1", "0.0.1-beta.2.x")))
                .append('\n');
        if (r.nextBoolean()) {
            t.append("description = ").append(q(pick(TEXT))).append('\n');
        }
        if (r.nextBoolean()) {
            t.append("license = ").append(q(pick("MIT", "Apache-2.0", ""))).append('\n');
        }
        if (r.nextBoolean()) {
            t.append("authors = ").append(list(strings(3, "team@example.com", "Jane Doe", "ü"))).append('\n');
        }
        t.append("\n[binary]\nentrypoint = ").append(q(pick("my-api", "node", "bin/server", "./run.sh"))).append('\n');
        if (r.nextBoolean()) {
            t.append("args = ").append(list(strings(4, TEXT))).append('\n');
        }
        if (r.nextBoolean()) {
            t.append("working_dir = ").append(q(pick("/app", "/srv/data", "/"))).append('\n');
        }
        if (r.nextBoolean()) {
            t.append("\n[runtime]\n");
            maybe(t, "use", q(pick("nodejs:20", "python:3.12", "jre:17.0.2")));
            maybe(t, "init", String.valueOf(r.nextBoolean()));
            maybe(t, "stop_signal", q(pick(SIGNALS)));
            maybe(t, "stop_timeout", q(pick(DURATIONS)));
        }
        if (r.nextBoolean()) {
            t.append("\n[environment]\n");
            for (String k : distinct(5, "RUST_LOG", "NODE_ENV", "PORT", "_X", "a1", "DATABASE_URL", "Mixed_Case")) {
                t.append(k).append(" = ").append(q(pick(TEXT))).append('\n');
            }
            maybe(t, "env_file", q(pick("/etc/niso/my-api/.env", "/run/env")));
        }
        if (r.nextBoolean()) {
            t.append("\n[service]\n");
            maybe(t, "type", q(pick("simple", "oneshot", "notify")));
            maybe(t, "user", q(pick("app", "_svc", "www-data")));
            maybe(t, "group", q(pick("app", "users")));
            maybe(t, "restart", q(pick("no", "on-success", "on-failure", "on-abnormal", "on-watchdog", "on-abort",
                    "always")));
            maybe(t, "restart_delay", q(pick(DURATIONS)));
            if (r.nextBoolean()) {
                t.append("after = ").append(list(strings(3, "niso-postgres.service", "network-online.target",
                        "a@b.socket"))).append('\n');
            }
        }
        if (r.nextBoolean()) {
            healthcheck(t);
        }
        if (r.nextBoolean()) {
            network(t);
        }
        if (r.nextBoolean()) {
            isolation(t);
        }
        if (r.nextBoolean()) {
            volumes(t);
        }
        if (r.nextBoolean()) {
            t.append("\n[labels]\n");
            for (String k : distinct(4, "niso.proxy.port", "team", "a/b", "x.y-z", "1")) {
                t.append(q(k)).append(" = ").append(q(pick(TEXT))).append('\n');
            }
        }
        if (r.nextBoolean()) {
            t.append("\n[hooks]\n");
            maybe(t, "pre_activate", q(pick("scripts/migrate.sh", "bin/pre")));
            maybe(t, "post_activate", q(pick("scripts/warmup.sh", "warm")));
            maybe(t, "on_unhealthy", q(pick("scripts/alert.sh", "a/b/c")));
        }
        if (r.nextBoolean()) {
            t.append("\n[copy]\ninclude = ").append(list(strings(4, "dist/", "package.json", "node_modules/",
                    "bin/app"))).append('\n');
        }
        if (r.nextBoolean()) {
            t.append("\n[secrets]\n");
            for (String k : distinct(3, "db-password", "api_key", "tls.crt", "X")) {
                t.append(q(k)).append(" = ").append(q(pick("/etc/niso/s/" + k, "/run/secrets/x"))).append('\n');
            }
        }
        return t.toString();
    }

    private void healthcheck(StringBuilder t) {
        t.append("\n[healthcheck]\n");
        switch (r.nextInt(5)) {
            case 0 -> t.append("http = ").append(q(pick("http://127.0.0.1:8080/health", "https://api.local/h?x=1",
                    "http://[::1]:9090/", "http://localhost/"))).append('\n');
            case 1 -> t.append("tcp = ").append(1 + r.nextInt(65535)).append('\n');
            case 2 -> t.append("tcp = ").append(q(pick("127.0.0.1:5432", "db.local:6379", "[::1]:80", "8080")))
                    .append('\n');
            default -> t.append("exec = ").append(list(List.of("pg_isready", "-q", pick(TEXT)).subList(0,
                    1 + r.nextInt(3)))).append('\n');
        }
        // interval >= timeout, both > 0
        String[] ordered = {"500ms", "1s", "5s", "30s", "1m", "1h30m"};
        int i = r.nextInt(ordered.length);
        int j = r.nextInt(i + 1);
        if (r.nextBoolean()) {
            t.append("interval = ").append(q(ordered[i])).append('\n');
            if (i < 2 || r.nextBoolean()) { // below the default timeout (5s) the timeout must be given
                t.append("timeout = ").append(q(ordered[j])).append('\n');
            }
        } else if (r.nextBoolean()) {
            t.append("timeout = ").append(q(pick("1s", "5s", "30s"))).append('\n');
        }
        maybe(t, "retries", String.valueOf(1 + r.nextInt(100)));
        maybe(t, "start_period", q(pick(DURATIONS)));
    }

    private void network(StringBuilder t) {
        t.append("\n[network]\n");
        boolean custom = false;
        switch (r.nextInt(3)) {
            case 0 -> {
                custom = true;
                t.append("network = ").append(q(pick("backend", "front", "default", "n1"))).append('\n');
            }
            case 1 -> {
                custom = true;
                List<String> several = distinct(3, "backend", "front", "db", "default");
                t.append("networks = ").append(list(several.isEmpty() ? List.of("backend") : several)).append('\n');
            }
            default -> { }
        }
        if (r.nextBoolean()) {
            List<String> ports = new ArrayList<>();
            Set<Integer> used = new LinkedHashSet<>();
            for (int k = 0; k < r.nextInt(4); k++) {
                int host = 1 + r.nextInt(65535);
                if (!used.add(host)) {
                    continue;
                }
                String bind = pick("", "", "0.0.0.0:", "127.0.0.1:", "[::1]:", "[::]:", "10.0.0.2:");
                ports.add(bind + host + ":" + (1 + r.nextInt(65535)) + pick("", "/tcp", "/udp"));
            }
            t.append("ports = ").append(list(ports)).append('\n');
        }
        maybe(t, "hostname", q(pick("api", "db-1", "x")));
        if (custom && !t.toString().contains("\"default\"") && r.nextBoolean()) {
            t.append("ip = ").append(q(pick("10.99.1.10", "172.16.0.5", "fd00::5"))).append('\n');
        } else if (r.nextInt(4) == 0) {
            t.append("ip = ").append(q("10.99.0." + (2 + r.nextInt(250)))).append('\n');
        }
        if (r.nextBoolean()) {
            t.append("\n[network.policy]\n");
            String[] peers = {"frontend", "10.0.0.0/8", "192.168.1.0/24", "fd00::/8", "db", "0.0.0.0/0"};
            if (r.nextBoolean()) {
                t.append("allow_from = ").append(list(strings(3, peers))).append('\n');
            }
            if (r.nextBoolean()) {
                t.append("deny_from = ").append(list(strings(3, peers))).append('\n');
            }
            if (r.nextBoolean()) {
                t.append("\n[network.policy.egress]\n");
                String[] dests = {"postgres.niso.local:5432", "0.0.0.0/0:443", "10.0.0.0/8", "1.2.3.4",
                        "1.2.3.4:53", "example.com", "fd00::/8:443"};
                if (r.nextBoolean()) {
                    t.append("allow = ").append(list(strings(3, dests))).append('\n');
                }
                if (r.nextBoolean()) {
                    t.append("deny = ").append(list(strings(3, dests))).append('\n');
                }
            }
        }
    }

    private void isolation(StringBuilder t) {
        t.append("\n[isolation]\n");
        maybe(t, "preset", q(pick("none", "minimal", "server", "strict", "worker", "database")));
        if (r.nextBoolean()) {
            t.append("\n[isolation.resources]\n");
            String[] sizes = {"1", "512", "64K", "1048576", "256M", "384M", "512M", "1G", "2T"}; // ascending
            int hi = r.nextInt(sizes.length);
            boolean max = r.nextBoolean();
            if (max) {
                t.append("memory_max = ").append(q(sizes[hi])).append('\n');
            }
            if (r.nextBoolean()) {
                t.append("memory_high = ").append(q(sizes[max ? r.nextInt(hi + 1) : r.nextInt(sizes.length)]))
                        .append('\n');
            }
            maybe(t, "cpu_max", q(pick("1%", "50%", "200%", "100000%")));
            maybe(t, "pids_limit", String.valueOf(1 + r.nextInt(4_194_304)));
            maybe(t, "shm_size", q(pick(sizes)));
            maybe(t, "io_weight", String.valueOf(1 + r.nextInt(10_000)));
            if (r.nextBoolean()) {
                t.append("\n[isolation.resources.ulimits]\n");
                for (String k : distinct(4, "nofile", "nproc", "core", "memlock", "stack")) {
                    long soft = r.nextInt(3) == 0 ? Long.MAX_VALUE : r.nextInt(1 << 20);
                    String v = switch (r.nextInt(3)) {
                        case 0 -> soft == Long.MAX_VALUE ? q("infinity") : String.valueOf(soft);
                        case 1 -> "{ soft = " + limit(soft) + ", hard = " + q("infinity") + " }";
                        default -> "{ soft = " + limit(soft) + ", hard = " + limit(soft) + " }";
                    };
                    t.append(k).append(" = ").append(v).append('\n');
                }
            }
        }
        if (r.nextBoolean()) {
            t.append("\n[isolation.security]\n");
            maybe(t, "seccomp", q(pick("default", "strict")));
            List<String> caps = new ArrayList<>(distinct(4, "NET_BIND_SERVICE", "CAP_NET_RAW", "SYS_PTRACE",
                    "CHOWN", "cap_kill"));
            int split = caps.isEmpty() ? 0 : r.nextInt(caps.size() + 1);
            if (r.nextBoolean()) {
                t.append("capabilities_add = ").append(list(caps.subList(0, split))).append('\n');
            }
            if (r.nextBoolean()) {
                t.append("capabilities_drop = ").append(list(caps.subList(split, caps.size()))).append('\n');
            }
            maybe(t, "no_new_privileges", String.valueOf(r.nextBoolean()));
        }
    }

    private String limit(long v) {
        return v == Long.MAX_VALUE ? q("infinity") : String.valueOf(v);
    }

    private void volumes(StringBuilder t) {
        t.append("\n[volumes]\n");
        int n = 0;
        for (String name : distinct(4, "data", "cache", "config", "pg-data", "logs")) {
            String mount = q("/mnt/" + name + (n++));
            String v = switch (r.nextInt(5)) {
                case 0 -> "{ mount = " + mount + " }";
                case 1 -> "{ mount = " + mount + ", mode = " + q(pick("rw", "ro")) + " }";
                case 2 -> "{ mount = " + mount + ", tmpfs = true" + (r.nextBoolean() ? ", size = " + q(pick("256M",
                        "1G", "4096")) : "") + " }";
                case 3 -> "{ mount = " + mount + ", host = " + q(pick("/etc/my-api", "/srv/x/")) + ", mode = "
                        + q(pick("rw", "ro")) + " }";
                default -> "{ mount = " + mount + ", host = " + q("/var/lib/" + name) + " }";
            };
            t.append(name).append(" = ").append(v).append('\n');
        }
    }

    private void maybe(StringBuilder t, String key, String value) {
        if (r.nextBoolean()) {
            t.append(key).append(" = ").append(value).append('\n');
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }

    private List<String> strings(int max, String... options) {
        List<String> out = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(pick(options));
        }
        return out;
    }

    private List<String> distinct(int max, String... options) {
        return new ArrayList<>(new LinkedHashSet<>(strings(max, options)));
    }

    private static String list(List<String> items) {
        List<String> quoted = new ArrayList<>();
        for (String s : items) {
            quoted.add(q(s));
        }
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A TOML basic string. */
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
