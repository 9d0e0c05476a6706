package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import online.niso.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Option-by-option behaviour of the generated unit, asserted on the model (podman's assert-key-is). */
class UnitGeneratorTest {
    static final InstallLayout LAYOUT = InstallLayout.withoutRuntime(Path.of("/opt/niso/rootfs/api"),
            Path.of("/opt/niso/packages/api/1.0.0"), Path.of("/var/lib/niso/volumes/api"), Path.of("/opt/niso/state/api"));
    static final InstallLayout NODE_LAYOUT = LAYOUT.withRuntime(Path.of("/opt/niso/runtimes/nodejs/20"), "/usr/local");

    static ServiceSpec.Builder spec() {
        return GoldenCases.basic("api");
    }

    static UnitFile unit(ServiceSpec s) {
        return new UnitGenerator().service(s, LAYOUT);
    }

    static Section service(ServiceSpec s) {
        return unit(s).require("Service");
    }

    @Test
    void generatesOneServiceUnitNamedAfterTheService() {
        List<UnitFile> units = new UnitGenerator().generate(spec().build(), LAYOUT);
        assertThat(units).extracting(UnitFile::name).containsExactly("niso-api.service");
        assertThat(units.get(0).sections()).extracting(Section::name).containsExactly("Unit", "Service", "Install");
        assertThat(units.get(0).require("Install").get("WantedBy")).contains("multi-user.target");
    }

    @Test
    void provenanceKeysNameTheServiceAndPackageButNoVersionNorAnythingTimeDependent() {
        Section u = unit(spec().build()).require("Unit");
        assertThat(u.get("X-Niso-Service")).contains("api");
        assertThat(u.get("X-Niso-Package")).contains("api");
        assertThat(u.get("Description")).contains("niso api (api)");
        // The version lives in the `current` links and the state DB: the unit text is the same for every version.
        String text = UnitFileRenderer.render(unit(spec().build()));
        assertThat(text).doesNotContain(GoldenCases.DIGEST, "X-Niso-Version", "X-Niso-Digest", "(api 1.0.0)");
        ServiceSpec other = ServiceSpec.builder("api", "api", "2.0.0", "sha256:" + "ab".repeat(32))
                .entrypoint("/app/bin/api", "--port", "8080").build();
        ServiceSpec same = ServiceSpec.builder("api", "api", "1.0.0", GoldenCases.DIGEST)
                .entrypoint("/app/bin/api", "--port", "8080").build();
        assertThat(UnitFileRenderer.render(unit(other))).isEqualTo(UnitFileRenderer.render(unit(same)));
        assertThat(UnitFileRenderer.render(unit(spec().build()))).isEqualTo(text);
    }

    @Test
    void withAnEnvironmentFileTheValuesLeaveTheUnitAndEnvFileStillWins() {
        InstallLayout withFile = LAYOUT.withEnvironmentFile(Path.of("/opt/niso/services/api/current/environment"));
        ServiceSpec s = spec().env("B", "two").env("A", "one").envFile(Path.of("/etc/api.env")).build();
        Section svc = new UnitGenerator().service(s, withFile).require("Service");
        assertThat(svc.has("Environment")).isFalse();
        // Later files override earlier ones in systemd: the manifest's env_file keeps its precedence.
        assertThat(svc.values("EnvironmentFile")).containsExactly("/opt/niso/services/api/current/environment",
                "/etc/api.env");
        assertThat(EnvironmentFiles.render("environment", s.environment())).isEqualTo("A=\"one\"\nB=\"two\"\nRUST_LOG=\"info\"\n");
    }

    @Test
    void afterAndRequiresAreSortedAndDeduplicated() {
        Section u = unit(spec().after("niso-db.service", "network-online.target", "niso-db.service")
                .requires("niso-db.service").build()).require("Unit");
        assertThat(u.get("After")).contains("network-online.target niso-db.service");
        assertThat(u.get("Requires")).contains("niso-db.service");
        assertThat(unit(spec().build()).require("Unit").has("After")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"niso-db", "db.service x.service", "bad/unit.service", ""})
    void invalidDependencyUnitNamesAreRefused(String name) {
        assertThatThrownBy(() -> unit(spec().after(name).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("service.after: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-api", "a b", "a/b", "a%b", "ä"})
    void invalidServiceNamesAreRefused(String name) {
        assertThatThrownBy(() -> unit(ServiceSpec.builder(name, "api", "1.0.0", GoldenCases.DIGEST)
                .entrypoint("/app/bin/api").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("service.name: ");
    }

    @Test
    void invalidVersionAndDigestAreRefused() {
        assertThatThrownBy(() -> unit(ServiceSpec.builder("api", "api", "1.0 beta", GoldenCases.DIGEST)
                .entrypoint("/app/bin/api").build())).hasMessageStartingWith("package.version: ");
        assertThatThrownBy(() -> unit(ServiceSpec.builder("api", "api", "1.0.0", "sha256:%n")
                .entrypoint("/app/bin/api").build())).hasMessageStartingWith("package.digest: ");
    }

    @Test
    void execStartEscapesEveryArgument() {
        Section s = service(spec().entrypoint("/app/bin/api", "--greeting", "50% of $USER's \"time\"").build());
        assertThat(s.get("ExecStart")).contains("/app/bin/api --greeting \"50%% of $$USER's \\\"time\\\"\"");
        assertThat(SystemdUnescaper.execCommandLine(s.get("ExecStart").orElseThrow()))
                .containsExactly("/app/bin/api", "--greeting", "50% of $USER's \"time\"");
    }

    @Test
    void argumentWithANewlineIsRefusedNamingTheArgument() {
        assertThatThrownBy(() -> unit(spec().entrypoint("/app/bin/api", "ok", "two\nlines").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("binary.args[1]: ").hasMessageContaining("line breaks");
    }

    @Test
    void relativeEntrypointIsRefused() {
        assertThatThrownBy(() -> unit(spec().entrypoint("bin/api").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("binary.entrypoint: ");
    }

    @Test
    void environmentIsSortedAndEscapedAndEnvFileIsReferenced() {
        Section s = service(spec().env("ZED", "z").env("ALPHA", "a b").env("MID", "100%")
                .envFile(Path.of("/etc/niso/api/.env")).build());
        assertThat(s.values("Environment"))
                .containsExactly("\"ALPHA=a b\"", "\"MID=100%%\"", "\"RUST_LOG=info\"", "\"ZED=z\"");
        assertThat(s.get("EnvironmentFile")).contains("/etc/niso/api/.env");
    }

    @Test
    void environmentValueWithNewlineIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> unit(spec().env("CERT", "-----BEGIN\nxyz").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("environment.CERT: ");
    }

    @Test
    void credentialsAreLoadCredentialsAndNeverEnvironment() {
        Section s = service(spec().credential("db-password", Path.of("/etc/niso/api/creds/db-password"))
                .credential("api.key", Path.of("/etc/niso/api/creds/api.key")).build());
        assertThat(s.values("LoadCredential"))
                .containsExactly("api.key:/etc/niso/api/creds/api.key", "db-password:/etc/niso/api/creds/db-password");
        assertThat(s.values("Environment")).noneMatch(v -> v.contains("db-password") || v.contains("api.key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:b", "a/b", "", ".x y"})
    void invalidCredentialNamesAreRefused(String name) {
        assertThatThrownBy(() -> unit(spec().credential(name, Path.of("/etc/x")).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("credentials: ");
    }

    @Test
    void processLifecycleDirectives() {
        Section s = service(spec().restart(RestartPolicy.ALWAYS, Duration.ofMillis(1500)).stop("term",
                Duration.ofSeconds(90)).type(ServiceType.NOTIFY).workingDir("/app/www").build());
        assertThat(s.get("Type")).contains("notify");
        assertThat(s.get("Restart")).contains("always");
        assertThat(s.get("RestartSec")).contains("1500ms");
        assertThat(s.get("KillSignal")).contains("SIGTERM");
        assertThat(s.get("TimeoutStopSec")).contains("90s");
        assertThat(s.get("WorkingDirectory")).contains("/app/www");
    }

    @Test
    void invalidLifecycleValuesAreRefused() {
        assertThatThrownBy(() -> unit(spec().stop("SIGFOO", Duration.ofSeconds(1)).build()))
                .hasMessageStartingWith("runtime.stop_signal: ");
        assertThatThrownBy(() -> unit(spec().stop("SIGTERM", Duration.ZERO).build()))
                .hasMessageStartingWith("runtime.stop_timeout: ");
        assertThatThrownBy(() -> unit(spec().restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(-1)).build()))
                .hasMessageStartingWith("service.restart_delay: ");
        assertThatThrownBy(() -> unit(spec().type(ServiceType.ONESHOT).restart(RestartPolicy.ALWAYS,
                Duration.ofSeconds(1)).build())).hasMessageContaining("oneshot");
        assertThatThrownBy(() -> RestartPolicy.parse("service.restart", "sometimes"))
                .hasMessageStartingWith("service.restart: expected one of no, on-success");
    }

    @Test
    void rootfsPackageAndRuntimeAreMountedReadOnly() {
        Section s = new UnitGenerator().service(spec().build(), NODE_LAYOUT).require("Service");
        assertThat(s.get("RootDirectory")).contains("/opt/niso/rootfs/api");
        assertThat(s.values("BindReadOnlyPaths")).containsExactly("/opt/niso/packages/api/1.0.0:/app",
                "/opt/niso/runtimes/nodejs/20:/usr/local");
        assertThat(s.get("PrivateTmp")).contains("yes");
        assertThat(service(spec().build()).values("BindReadOnlyPaths")).containsExactly(
                "/opt/niso/packages/api/1.0.0:/app");
    }

    @Test
    void volumesOfEachKindSortedByMountPoint() {
        Section s = service(spec()
                .volume(new Volume.Tmpfs("cache", "/cache", 1024))
                .volume(new Volume.Named("data", "/data", false))
                .volume(new Volume.Named("ref", "/ref", true))
                .volume(new Volume.HostBind("cfg", Path.of("/etc/api"), "/config", true))
                .volume(new Volume.HostBind("out", Path.of("/srv/out"), "/out", false)).build());
        assertThat(s.values("BindPaths")).containsExactly("/var/lib/niso/volumes/api/data:/data", "/srv/out:/out");
        assertThat(s.values("BindReadOnlyPaths")).containsExactly("/opt/niso/packages/api/1.0.0:/app",
                "/etc/api:/config", "/var/lib/niso/volumes/api/ref:/ref");
        assertThat(s.values("StateDirectory")).as("only rw named volumes").containsExactly("niso/volumes/api/data");
        assertThat(s.values("TemporaryFileSystem")).containsExactly("/cache:size=1024,mode=1777,nosuid,nodev",
                "/dev/shm:size=67108864,mode=1777,nosuid,nodev,noexec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app", "/app/data", "/usr/local", "/usr/local/lib", "/tmp", "/proc", "/dev/shm",
            "/sys/x", "/run"})
    void volumesCannotCoverTheRootfsStructure(String mount) {
        assertThatThrownBy(() -> new UnitGenerator().service(spec().volume(new Volume.Named("v", mount, false)).build(),
                NODE_LAYOUT)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("volumes.v.mount: ");
    }

    @Test
    void namedVolumesNeedAVolumesDirBelowVarLibForStateDirectory() {
        InstallLayout elsewhere = InstallLayout.withoutRuntime(Path.of("/opt/niso/rootfs/api"),
                Path.of("/opt/niso/packages/api/1.0.0"), Path.of("/opt/niso/volumes/api"), Path.of("/opt/niso/state/api"));
        assertThatThrownBy(() -> new UnitGenerator().service(spec().volume(new Volume.Named("d", "/d", false)).build(),
                elsewhere)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/var/lib");
        assertThat(new UnitGenerator().service(spec().build(), elsewhere).require("Service").has("StateDirectory"))
                .isFalse();
    }

    @Test
    void volumeErrorsNameTheVolume() {
        assertThatThrownBy(() -> unit(spec().volume(new Volume.Named("a", "/data", false))
                .volume(new Volume.Named("b", "/data", true)).build()))
                .hasMessageContaining("volumes.").hasMessageContaining("already mounted at /data");
        assertThatThrownBy(() -> unit(spec().volume(new Volume.Named("../etc", "/data", false)).build()))
                .hasMessageContaining("invalid volume name");
        assertThatThrownBy(() -> unit(spec().volume(new Volume.Tmpfs("t", "/t", 0)).build()))
                .hasMessageStartingWith("volumes.t.size: ");
        assertThatThrownBy(() -> unit(spec().volume(new Volume.HostBind("h", Path.of("/a b"), "/h", true)).build()))
                .hasMessageStartingWith("volumes.h.host: ");
    }

    @Test
    void devShmIsAPrivateBoundedTmpfsExceptUnderNone() {
        assertThat(service(spec().build()).values("TemporaryFileSystem"))
                .containsExactly("/dev/shm:size=67108864,mode=1777,nosuid,nodev,noexec");
        assertThat(service(spec().isolation(Isolation.of(IsolationPreset.SERVER)
                .with(Isolation.Resources.none().shmSize(1 << 20))).build()).values("TemporaryFileSystem"))
                .containsExactly("/dev/shm:size=1048576,mode=1777,nosuid,nodev,noexec");
        assertThat(service(spec().preset(IsolationPreset.NONE).build()).has("TemporaryFileSystem")).isFalse();
    }

    @Test
    void networkModes() {
        Section host = service(spec().build());
        assertThat(host.has("NetworkNamespacePath")).isFalse();
        assertThat(host.has("PrivateNetwork")).isFalse();
        assertThat(host.get("RestrictAddressFamilies")).contains("AF_UNIX AF_INET AF_INET6 AF_NETLINK");

        Section ns = service(spec().network(NetworkMode.namespace(Path.of("/run/netns/niso-api"))).build());
        assertThat(ns.get("NetworkNamespacePath")).contains("/run/netns/niso-api");
        assertThat(ns.get("PrivateNetwork")).contains("yes");
        assertThat(ns.get("RestrictAddressFamilies")).contains("AF_UNIX AF_INET AF_INET6");

        Section none = service(spec().network(NetworkMode.none()).build());
        assertThat(none.get("PrivateNetwork")).contains("yes");
        assertThat(none.get("IPAddressDeny")).contains("any");
        assertThat(none.get("RestrictAddressFamilies")).contains("AF_UNIX");

        Section rootNs = service(spec().preset(IsolationPreset.MINIMAL)
                .network(NetworkMode.namespace(Path.of("/run/netns/x"))).build());
        assertThat(rootNs.get("NetworkNamespacePath")).contains("/run/netns/x");
        assertThat(rootNs.has("RestrictAddressFamilies")).isFalse();
    }
}
