package online.niso.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import online.niso.common.model.AccessMode;
import online.niso.common.model.ByteSize;
import online.niso.common.model.CountOrPercent;
import online.niso.common.model.Fleet;
import online.niso.common.model.FleetEnvironment;
import online.niso.common.model.HealthCheck;
import online.niso.common.model.Isolation;
import online.niso.common.model.Manifest;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.PackageRef;
import online.niso.common.model.RolloutPolicy;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.model.Ulimit;
import online.niso.common.model.VolumeSpec;
import org.junit.jupiter.api.Test;

/** The docs' examples and a multi-environment fleet parse into the records they describe. */
class ValidConfigTest {
    static String read(String name) throws Exception {
        return Files.readString(Path.of(ValidConfigTest.class.getResource("/config-valid/" + name).toURI()));
    }

    @Test
    void aManifestCanJoinSeveralNetworksTheFirstBeingThePrimary() {
        Manifest m = ManifestParser.parse("manifest.toml", """
                [package]
                name = "api"
                version = "1.0.0"
                [binary]
                entrypoint = "api"
                [network]
                networks = ["frontend", "backend"]
                """);
        assertThat(m.network().networks()).containsExactly("frontend", "backend");
        assertThat(m.network().network()).isEqualTo("frontend");
    }

    @Test
    void parsesTheDocsFullManifest() throws Exception {
        Manifest m = ManifestParser.parse("manifest.toml", read("manifest-docs-full.toml"));

        assertThat(m.ref()).isEqualTo(PackageRef.parse("my-api:1.0.0"));
        assertThat(m.pkg().authors()).containsExactly("team@example.com");
        assertThat(m.binary().args()).containsExactly("--port", "8080");
        assertThat(m.binary().workingDir()).contains("/app");
        assertThat(m.runtime().use()).contains(PackageRef.parse("nodejs:20"));
        assertThat(m.runtime().init()).isTrue();
        assertThat(m.runtime().stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.environment().variables()).containsExactly(Map.entry("NODE_ENV", "production"),
                Map.entry("RUST_LOG", "info"));
        assertThat(m.environment().envFile()).contains("/etc/niso/my-api/.env");
        assertThat(m.environment().toString()).contains("RUST_LOG").doesNotContain("production");
        assertThat(m.service().restart()).isEqualTo(ServiceSettings.RestartPolicy.ON_FAILURE);
        assertThat(m.service().restartDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(m.service().after()).containsExactly("niso-postgres.service");
        HealthCheck hc = m.healthcheck().orElseThrow();
        assertThat(hc.probe()).isEqualTo(new HealthCheck.Http(URI.create("http://127.0.0.1:8080/health")));
        assertThat(hc.startPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(m.network().network()).isEqualTo("backend");
        assertThat(m.network().ports()).extracting(Object::toString).containsExactly("8080:8080/tcp", "9090:9090/tcp");
        assertThat(m.network().ip().orElseThrow()).hasToString("10.99.1.10");
        assertThat(m.network().policy().allowFrom()).hasSize(2)
                .first().isEqualTo(new NetworkPolicy.NetworkPeer("frontend"));
        assertThat(m.network().policy().egressAllow()).hasSize(2);
        assertThat(m.isolation().preset()).isEqualTo(Isolation.Preset.SERVER);
        assertThat(m.isolation().resources().memoryMax()).contains(ByteSize.parse("512M"));
        assertThat(m.isolation().resources().cpuMax().orElseThrow().percent()).isEqualTo(200);
        assertThat(m.isolation().resources().pidsLimit()).hasValue(4096);
        assertThat(m.isolation().resources().ulimits()).containsEntry("nofile", new Ulimit(65536, 65536));
        assertThat(m.isolation().security().noNewPrivileges()).contains(true);
        assertThat(m.volumes().get("data")).isEqualTo(new VolumeSpec.Named("data", "/data", AccessMode.READ_WRITE));
        assertThat(m.volumes().get("cache")).isInstanceOf(VolumeSpec.Tmpfs.class);
        assertThat(m.volumes().get("config")).isEqualTo(new VolumeSpec.Bind("config", "/config", "/etc/my-api", AccessMode.READ_ONLY));
        assertThat(m.labels()).containsEntry("niso.proxy.host", "api.example.com");
        assertThat(m.hooks().onUnhealthy()).contains("scripts/alert.sh");
        assertThat(m.copy().include()).containsExactly("dist/", "package.json", "node_modules/");
        assertThat(m.secrets()).containsEntry("db-password", "/etc/niso/my-api/db-password");
    }

    @Test
    void appliesDefaultsToTheMigrationManifest() throws Exception {
        Manifest m = ManifestParser.parse("manifest.toml", read("manifest-migration-node.toml"));

        assertThat(m.network().network()).isEqualTo("default");
        assertThat(m.service()).isEqualTo(ServiceSettings.DEFAULT);
        assertThat(m.isolation().preset()).isEqualTo(Isolation.Preset.SERVER);
        assertThat(m.healthcheck().orElseThrow().interval()).isEqualTo(HealthCheck.DEFAULT_INTERVAL);
        assertThat(m.healthcheck().orElseThrow().retries()).isEqualTo(3);
        assertThat(m.runtime().stopSignal()).isEqualTo("SIGTERM");
    }

    @Test
    void acceptsTcpAndExecProbes() {
        String base = "[package]\nname = \"db\"\nversion = \"16\"\n[binary]\nentrypoint = \"postgres\"\n[healthcheck]\n";
        assertThat(ManifestParser.parse("m", base + "tcp = 5432\n").healthcheck().orElseThrow().probe())
                .isEqualTo(new HealthCheck.Tcp("127.0.0.1", 5432));
        assertThat(ManifestParser.parse("m", base + "tcp = \"10.99.1.2:5432\"\n").healthcheck().orElseThrow().probe())
                .isEqualTo(new HealthCheck.Tcp("10.99.1.2", 5432));
        assertThat(ManifestParser.parse("m", base + "exec = [\"pg_isready\", \"-q\"]\n").healthcheck().orElseThrow().probe())
                .isEqualTo(new HealthCheck.Exec(List.of("pg_isready", "-q")));
    }

    @Test
    void parsesTheDocsStack() throws Exception {
        Stack s = StackParser.parse("stack.toml", read("stack-docs-platform.toml"));

        assertThat(s.name()).isEqualTo("my-platform");
        assertThat(s.networks()).containsOnlyKeys("backend", "frontend");
        assertThat(s.services()).extracting(x -> x.name()).containsExactly("api", "db", "cache", "migrate");
        assertThat(s.service("api").orElseThrow().dependsOn()).containsEntry("db", DependencyCondition.HEALTHY)
                .containsEntry("cache", DependencyCondition.STARTED).containsEntry("migrate", DependencyCondition.COMPLETED);
        assertThat(s.service("db").orElseThrow().volumes().get("pgdata").exclusive()).isTrue();
        assertThat(s.service("migrate").orElseThrow().isOneshot()).isTrue();
        assertThat(s.service("migrate").orElseThrow().binary().orElseThrow().args()).contains(List.of("migrate"));
        assertThat(s.service("api").orElseThrow().environment()).containsKey("DATABASE_URL");
        assertThat(s.toString()).as("credentials in env values never reach logs via toString")
                .contains("DATABASE_URL").doesNotContain("secret");
    }

    @Test
    void readsTheDocsSingleEnvironmentFleetAsEnvironmentDefault() throws Exception {
        Fleet f = FleetParser.parse("fleet.toml", read("fleet-docs-single.toml"));

        FleetEnvironment env = f.soleEnvironment().orElseThrow();
        assertThat(env.name()).isEqualTo(Fleet.DEFAULT_ENVIRONMENT);
        assertThat(env.hosts()).extracting(h -> h.name()).containsExactly("web-1", "web-2", "worker-1");
        assertThat(env.hosts().get(0).address().user()).contains("deploy");
        assertThat(env.deploy().healthyDeadline()).as("health_timeout is healthy_deadline").isEqualTo(Duration.ofSeconds(60));
        assertThat(env.registry()).contains(URI.create("https://registry.example.com"));
        assertThat(env.ssh().strictHostKeyChecking()).isTrue();
    }

    @Test
    void mergesEnvironmentSettingsOverTopLevelDefaults() throws Exception {
        Fleet f = FleetParser.parse("fleet.toml", read("fleet-multi-env.toml"));

        assertThat(f.stack()).contains("stack.toml");
        assertThat(f.environments()).containsOnlyKeys("prod", "staging");
        assertThat(f.soleEnvironment()).isEmpty();
        FleetEnvironment prod = f.environment("prod").orElseThrow();
        FleetEnvironment staging = f.environment("staging").orElseThrow();
        assertThat(prod.ssh().user()).contains("deploy");
        assertThat(prod.ssh().maxConcurrentHandshakes()).isEqualTo(4);
        assertThat(staging.ssh().maxConcurrentHandshakes()).isEqualTo(8);
        assertThat(prod.ssh().kexAlgorithms()).containsExactly("curve25519-sha256", "sntrup761x25519-sha512@openssh.com");
        assertThat(staging.ssh().kexAlgorithms()).as("empty: MINA's default order").isEmpty();
        assertThat(staging.hosts().get(0).address().user()).as("user from [ssh]").contains("deploy");
        assertThat(prod.deploy().strategy()).isEqualTo(RolloutPolicy.Strategy.CANARY);
        assertThat(prod.deploy().canary()).contains(new CountOrPercent(25, true));
        assertThat(prod.deploy().maxParallel()).isEqualTo(new CountOrPercent(50, true));
        assertThat(prod.deploy().healthyDeadline()).as("inherited").isEqualTo(Duration.ofMinutes(2));
        assertThat(staging.deploy().strategy()).isEqualTo(RolloutPolicy.Strategy.ROLLING);
        assertThat(prod.hostsFor("cache")).extracting(h -> h.name()).containsExactly("web-1");
        assertThat(prod.hostsFor("db")).extracting(h -> h.name()).containsExactly("db-1");
        assertThat(prod.hostsFor("unplaced")).hasSize(3);
        assertThat(f.environmentOrThrow("prod")).isSameAs(prod);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.environmentOrThrow("prd"))
                .isInstanceOf(online.niso.common.error.InvalidInputException.class)
                .hasMessage("unknown environment \"prd\" (did you mean \"prod\"?); fleet my-platform defines: prod, staging");
    }

    @Test
    void stackOverridesApplyOverThePackage() throws Exception {
        Manifest m = ManifestParser.parse("manifest.toml", read("manifest-docs-full.toml"));
        Stack s = StackParser.parse("stack.toml", read("stack-docs-platform.toml"));
        var migrate = s.service("migrate").orElseThrow();
        var api = s.service("api").orElseThrow();

        assertThat(m.binary().with(migrate.binary().orElseThrow()).args()).containsExactly("migrate");
        assertThat(m.binary().with(migrate.binary().orElseThrow()).workingDir()).contains("/app");
        assertThat(m.environment().with(api.environment()).variables()).containsOnlyKeys(
                "DATABASE_URL", "NODE_ENV", "REDIS_URL", "RUST_LOG");
        assertThat(Manifest.minimal("x", "1.0", "x").ref()).isEqualTo(PackageRef.parse("x:1.0"));
    }

    @Test
    void checksPlacementAgainstTheStack() throws Exception {
        Fleet f = FleetParser.parse("fleet.toml", read("fleet-multi-env.toml"));
        Stack docs = StackParser.parse("stack.toml", read("stack-docs-platform.toml"));
        FleetValidator.validateAgainstStack(f, docs, "fleet.toml");

        Stack other = StackParser.parse("stack.toml", "[stack]\nname = \"x\"\n[[service]]\nname = \"apii\"\npackage = \"a:1\"\n");
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(online.niso.common.error.ConfigException.class,
                () -> FleetValidator.validateAgainstStack(f, other, "fleet.toml"));
        assertThat(e.userMessages()).contains(
                "fleet.toml: environments.prod.placement.api: stack x has no service \"api\" (did you mean \"apii\"?)");
    }
}
