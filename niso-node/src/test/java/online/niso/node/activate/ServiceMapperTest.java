package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import online.niso.common.config.ManifestParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Manifest;
import online.niso.node.runtime.RuntimeRef;
import online.niso.node.systemd.IsolationPreset;
import online.niso.node.systemd.ServiceSpec;
import online.niso.node.systemd.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceMapperTest {
    static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Optional<ResolvedRuntime> PYTHON = Optional.of(new ResolvedRuntime(new RuntimeRef("python3", "3.11"),
            Path.of("/opt/niso/runtimes/python3/3.11"), new TreeSet<>(java.util.List.of("python3", "python3.11"))));
    static final Optional<ResolvedRuntime> NODE = Optional.of(new ResolvedRuntime(new RuntimeRef("nodejs", "20"),
            Path.of("/opt/niso/runtimes/nodejs/20"), new TreeSet<>(java.util.List.of("node"))));

    @ParameterizedTest
    @CsvSource({
        "my-api,        none,   /app/bin/my-api",
        "bin/my-api,    none,   /app/bin/my-api",
        "./bin/x,       none,   /app/bin/x",
        "/app/run.sh,   none,   /app/run.sh",
        "python3,       python, /usr/bin/python3",
        "python3,       none,   /app/bin/python3",
        "node,          python, /app/bin/node",
        "node,          node,   /usr/bin/node",
    })
    void entrypointResolution(String entry, String runtime, String expected) {
        Optional<ResolvedRuntime> rt = switch (runtime) {
            case "python" -> PYTHON;
            case "node" -> NODE;
            default -> Optional.empty();
        };
        assertThat(ServiceMapper.entrypoint(entry, rt)).isEqualTo(expected);
    }

    @Test
    void entrypointCannotLeaveThePackage() {
        assertThatThrownBy(() -> ServiceMapper.entrypoint("bin/../../etc/x", Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("binary.entrypoint");
    }

    @Test
    void jitRuntimesByRuntimeNameOrInterpreter() {
        assertThat(ServiceMapper.isJit("node", Optional.empty())).isTrue();
        assertThat(ServiceMapper.isJit("/app/bin/server", NODE)).isTrue();
        assertThat(ServiceMapper.isJit("java", Optional.empty())).isTrue();
        assertThat(ServiceMapper.isJit("python3", PYTHON)).isFalse();
        assertThat(ServiceMapper.isJit("my-api", Optional.empty())).isFalse();
    }

    @Test
    void everyManifestSectionReachesTheSpec() {
        Manifest m = ManifestParser.parse("manifest.toml", """
                [package]
                name = "billing"
                version = "1.2.3"

                [runtime]
                use = "nodejs:20"
                stop_signal = "SIGINT"
                stop_timeout = "10s"

                [binary]
                entrypoint = "node"
                args = ["server.js", "--port=3000"]
                working_dir = "/app/srv"

                [environment]
                NODE_ENV = "production"
                env_file = "/etc/niso/billing.env"

                [secrets]
                db_password = "/etc/niso/secrets/billing-db"

                [service]
                restart = "always"
                restart_delay = "5s"
                after = ["niso-postgres.service", "network-online.target"]

                [volumes]
                data = { mount = "/data" }
                cache = { mount = "/cache", tmpfs = true, size = "32M" }
                config = { mount = "/config", host = "/etc/billing", mode = "ro" }

                [isolation]
                preset = "strict"

                [isolation.resources]
                memory_max = "512M"
                cpu_max = "150%"
                pids_limit = 256

                [isolation.resources.ulimits]
                nofile = { soft = 1024, hard = "infinity" }

                [isolation.security]
                capabilities_add = ["NET_BIND_SERVICE"]
                """);
        ServiceSpec s = ServiceMapper.map("billing", m, DIGEST, NODE);

        assertThat(s.entrypoint()).isEqualTo("/usr/bin/node");
        assertThat(s.args()).containsExactly("server.js", "--port=3000");
        assertThat(s.workingDir()).isEqualTo("/app/srv");
        assertThat(s.jitRuntime()).isTrue();
        assertThat(s.environment()).containsEntry("NODE_ENV", "production");
        assertThat(s.envFile()).contains(Path.of("/etc/niso/billing.env"));
        assertThat(s.credentials()).containsEntry("db_password", Path.of("/etc/niso/secrets/billing-db"));
        assertThat(s.stopSignal()).isEqualTo("SIGINT");
        assertThat(s.restart().systemdName()).isEqualTo("always");
        // Its namespace comes from niso-network.service (re-created at boot): ordered after and required.
        assertThat(s.after()).containsExactly("niso-network.service", "niso-postgres.service", "network-online.target");
        assertThat(s.requires()).containsExactly("niso-network.service");
        assertThat(s.network()).isEqualTo(new online.niso.node.systemd.NetworkMode.Namespace(
                Path.of("/run/netns/niso-billing")));
        assertThat(s.volumes()).containsExactlyInAnyOrder(new Volume.Named("data", "/data", false),
                new Volume.Tmpfs("cache", "/cache", 32L << 20),
                new Volume.HostBind("config", Path.of("/etc/billing"), "/config", true));
        assertThat(s.isolation().preset()).isEqualTo(IsolationPreset.STRICT);
        assertThat(s.isolation().resources().memoryMax()).hasValue(512L << 20);
        assertThat(s.isolation().resources().cpuPercent()).hasValue(150);
        assertThat(s.isolation().resources().pidsLimit()).hasValue(256);
        assertThat(s.isolation().resources().ulimits().get("nofile").hard())
                .isEqualTo(online.niso.node.systemd.Isolation.Ulimit.INFINITY);
        assertThat(s.isolation().security().capabilitiesAdd()).containsExactly("CAP_NET_BIND_SERVICE");
    }

    /** The example app through the whole pure path: manifest → spec → unit text, against a golden file. */
    @Test
    void helloApiGolden() throws Exception {
        Path example = Path.of("../fleet-examples/apps/hello-api/manifest.toml");
        Manifest m = ManifestParser.parse(example.toString(), Files.readString(example));
        ActivationPlan plan = ActivationPlanner.plan("hello-api", new VersionRef("1.0.0", DIGEST), m, PYTHON);
        Path golden = Path.of("src/test/resources/golden/activate/niso-hello-api.service");
        if (Boolean.getBoolean("niso.updateGoldens")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, plan.unitText());
        }
        assertThat(plan.unitText()).isEqualTo(Files.readString(golden));
        Path env = golden.resolveSibling("hello-api.environment");
        if (Boolean.getBoolean("niso.updateGoldens")) {
            Files.writeString(env, plan.files().environment());
        }
        assertThat(plan.files().environment()).isEqualTo(Files.readString(env));
        assertThat(plan.rootfs().ops()).extracting(op -> op.path()).contains("usr", "bin", "app", "etc/passwd");
    }

    /**
     * Issue 4: an upgrade or rollback within one definition must not need a daemon-reload, so every version
     * renders the same unit text; what differs (package, environment) is in the release directory the
     * service's `current` link points at, and hooks/probes get this version's own paths.
     */
    @Test
    void twoVersionsOfOneDefinitionRenderTheSameUnitText() throws Exception {
        String v1 = Files.readString(Path.of("../fleet-examples/apps/hello-api/manifest.toml"));
        String v2 = v1.replace("version = \"1.0.0\"", "version = \"2.0.0\"")
                .replace("GREETING = \"hello from niso\"", "GREETING = \"hello from v2 $HOME %n\"");
        assertThat(v2).isNotEqualTo(v1);
        ActivationPlan p1 = ActivationPlanner.plan("hello-api", new VersionRef("1.0.0", DIGEST),
                ManifestParser.parse("v1", v1), PYTHON);
        ActivationPlan p2 = ActivationPlanner.plan("hello-api", new VersionRef("2.0.0", "sha256:" + "ab".repeat(32)),
                ManifestParser.parse("v2", v2), PYTHON);

        assertThat(p2.unitText()).isEqualTo(p1.unitText());
        assertThat(p2.rootfsKey()).isEqualTo(p1.rootfsKey());
        assertThat(p2.files().key()).isNotEqualTo(p1.files().key());
        assertThat(p2.files().environment()).contains("GREETING=\"hello from v2 \\$HOME %n\"");
        assertThat(p2.files().appTarget()).isEqualTo("../../../../packages/hello-api/2.0.0");
        assertThat(online.niso.node.systemd.UnitFileRenderer.render(p2.sandboxUnit()))
                .contains("BindReadOnlyPaths=/opt/niso/packages/hello-api/2.0.0:/app",
                        "EnvironmentFile=/opt/niso/services/hello-api/releases/" + p2.files().key() + "/environment")
                .isNotEqualTo(online.niso.node.systemd.UnitFileRenderer.render(p1.sandboxUnit()));

        // A change of definition still changes the text (and so still daemon-reloads): here a volume.
        String v3 = v2 + "\n[volumes]\ndata = { mount = \"/data\", mode = \"rw\" }\n";
        ActivationPlan p3 = ActivationPlanner.plan("hello-api", new VersionRef("2.0.0", DIGEST),
                ManifestParser.parse("v3", v3), PYTHON);
        assertThat(p3.unitText()).isNotEqualTo(p2.unitText());
        assertThat(p3.rootfsKey()).isNotEqualTo(p2.rootfsKey());
    }
}
