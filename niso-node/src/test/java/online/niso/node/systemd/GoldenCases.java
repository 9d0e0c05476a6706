package online.niso.node.systemd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The golden unit cases, as Java fixtures instead of input.toml (the manifest parser lives in
 * another module and is not needed to test generation). Each case directory under
 * src/test/resources/golden/systemd/ has exactly one entry here, and vice versa.
 */
final class GoldenCases {
    static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** One case: how to build the spec, and whether the package uses a runtime (name, version, mount). */
    record Case(String name, ServiceSpec spec, String runtime) {
        InstallLayout layout(Path base) {
            String pkg = spec.packageName().replace("@", "").replace('/', '-');
            InstallLayout l = InstallLayout.withoutRuntime(base.resolve("rootfs").resolve(spec.name()),
                    base.resolve("packages").resolve(pkg).resolve(spec.packageVersion()),
                    Path.of("/var/lib/niso/volumes").resolve(spec.name()), base.resolve("state").resolve(spec.name()));
            return runtime == null ? l : l.withRuntime(base.resolve("runtimes").resolve(runtime), "/usr/local");
        }
    }

    static final Path GOLDEN_BASE = Path.of("/opt/niso");

    private static final Map<String, Function<String, Case>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("basic", n -> new Case(n, basic("my-api").build(), null));
        CASES.put("node-app", n -> new Case(n, ServiceSpec.builder("web", "web", "2.1.0", DIGEST)
                .entrypoint("/usr/local/bin/node", "server.js").jitRuntime(true)
                .env("NODE_ENV", "production").env("PORT", "3000").build(), "nodejs/20"));
        CASES.put("python-app", n -> new Case(n, ServiceSpec.builder("hello", "hello-py", "0.3.1", DIGEST)
                .entrypoint("/usr/local/bin/python3", "-u", "app.py", "--port", "8000")
                .env("PYTHONUNBUFFERED", "1").env("PYTHONDONTWRITEBYTECODE", "1").build(), "python/3.11"));
        CASES.put("with-volumes", n -> new Case(n, basic("store")
                .volume(new Volume.Named("data", "/data", false))
                .volume(new Volume.Named("seed", "/seed", true))
                .volume(new Volume.Tmpfs("cache", "/cache", 256L * 1024 * 1024))
                .volume(new Volume.HostBind("config", Path.of("/etc/my-api"), "/config", true))
                .volume(new Volume.HostBind("spool", Path.of("/srv/spool"), "/var/spool/app", false))
                .build(), null));
        CASES.put("with-resources", n -> new Case(n, basic("limited").isolation(Isolation.of(IsolationPreset.SERVER)
                .with(Isolation.Resources.none().memoryMax(1L << 30).memoryHigh(768L << 20).cpuPercent(200)
                        .pidsLimit(4096).ioWeight(300).shmSize(128L << 20)
                        .ulimit("nofile", 65536, 65536).ulimit("core", 0, 0)
                        .ulimit("memlock", Isolation.Ulimit.INFINITY, Isolation.Ulimit.INFINITY)))
                .build(), null));
        CASES.put("with-capabilities", n -> new Case(n, basic("edge").isolation(Isolation.of(IsolationPreset.SERVER)
                .with(Isolation.Security.none().add("NET_BIND_SERVICE", "cap_net_raw").drop("NET_RAW")))
                .entrypoint("/app/bin/edge", "--listen", ":80").build(), null));
        CASES.put("strict", n -> new Case(n, basic("sandbox").preset(IsolationPreset.STRICT)
                .network(NetworkMode.none()).type(ServiceType.ONESHOT).restart(RestartPolicy.NO, Duration.ZERO)
                .entrypoint("/app/bin/convert", "--in", "/data/in", "--out", "/data/out")
                .volume(new Volume.Named("data", "/data", false)).build(), null));
        for (IsolationPreset p : IsolationPreset.values()) {
            CASES.put("preset-" + p.manifestName(), n -> new Case(n, basic("svc-" + p.manifestName()).preset(p).build(),
                    null));
        }
        CASES.put("escaping-hostile-strings", n -> new Case(n, ServiceSpec.builder("hostile", "hostile", "1.0.0", DIGEST)
                .entrypoint("/app/bin/my%api",
                        "plain", "two words", "", "100%", "%n%%", "$HOME", "${PATH}", "$$", "a\"quote",
                        "it's", "back\\slash", "trailing\\", ";", "semi;colon", "tab\there", "\u0001ctl",
                        "ünïcödé ✓", "--flag=$(rm -rf /)", "`id`", "#not-a-comment")
                .env("PERCENT", "100%")
                .env("DOLLAR", "$NOT_EXPANDED ${X} $$")
                .env("QUOTES", "say \"hi\" and 'bye'")
                .env("BACKSLASH", "C:\\path\\")
                .env("SPACES", "  leading and trailing  ")
                .env("EMPTY", "")
                .env("TAB", "a\tb")
                .env("UNICODE", "日本語")
                .build(), null));
        CASES.put("with-credentials", n -> new Case(n, basic("billing")
                .envFile(Path.of("/etc/niso/billing/.env"))
                .credential("db-password", Path.of("/etc/niso/billing/credentials/db-password"))
                .credential("api.key", Path.of("/etc/niso/billing/credentials/api.key"))
                .build(), null));
        CASES.put("with-netns", n -> new Case(n, basic("api").network(NetworkMode.namespace(Path.of("/run/netns/niso-api")))
                .after("niso-db.service", "network-online.target").requires("niso-db.service")
                .build(), null));
        // A stack's service: package hello-api run as "api", ordered after the local services it depends on and
        // their readiness (probe passed), pulling in its own readiness unit, a stack-scoped shared volume.
        CASES.put("stack-service", n -> new Case(n, ServiceSpec.builder("api", "hello-api", "1.2.0", DIGEST)
                .entrypoint("/app/bin/hello-api", "--db", "db.niso.local")
                .env("DB_HOST", "db.niso.local").restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1))
                .network(NetworkMode.namespace(Path.of("/run/netns/niso-api")))
                .after("niso-db.service", "niso-ready@db.service", "niso-migrate.service", "niso-ready@migrate.service",
                        "niso-network.service")
                .requires("niso-db.service", "niso-ready@db.service", "niso-migrate.service",
                        "niso-ready@migrate.service", "niso-network.service")
                .wants("niso-ready@api.service")
                .volume(new Volume.Named("shared", "/shared", true,
                        java.util.Optional.of(Path.of("/var/lib/niso/stacks/shop/volumes/shared"))))
                .build(), null));
        CASES.put("stack-oneshot", n -> new Case(n, ServiceSpec.builder("migrate", "kv-tools", "1.0.0", DIGEST)
                .entrypoint("/app/bin/migrate", "--to", "latest").type(ServiceType.ONESHOT)
                .restart(RestartPolicy.NO, Duration.ofSeconds(1))
                .network(NetworkMode.namespace(Path.of("/run/netns/niso-migrate")))
                .after("niso-db.service", "niso-network.service").requires("niso-db.service", "niso-network.service")
                .volume(new Volume.Named("shared", "/shared", false,
                        java.util.Optional.of(Path.of("/var/lib/niso/stacks/shop/volumes/shared"))))
                .build(), null));
        CASES.put("with-netns-node", n -> new Case(n, ServiceSpec.builder("web", "web", "2.1.0", DIGEST)
                .entrypoint("/usr/local/bin/node", "server.js").jitRuntime(true)
                .network(NetworkMode.namespace(Path.of("/run/netns/niso-web"))).build(), "nodejs/20"));
    }

    private GoldenCases() {}

    static ServiceSpec.Builder basic(String name) {
        return ServiceSpec.builder(name, name, "1.0.0", DIGEST)
                .entrypoint("/app/bin/" + name, "--port", "8080")
                .env("RUST_LOG", "info")
                .restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(5))
                .stop("SIGTERM", Duration.ofSeconds(30));
    }

    static Iterable<String> names() {
        return CASES.keySet();
    }

    static Case get(String name) {
        Function<String, Case> f = CASES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no fixture for golden case " + name + " in GoldenCases");
        }
        return f.apply(name);
    }
}
