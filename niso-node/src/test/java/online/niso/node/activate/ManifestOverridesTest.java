package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import online.niso.common.config.ManifestParser;
import online.niso.common.config.StackParser;
import online.niso.common.model.AccessMode;
import online.niso.common.model.EnvironmentSpec;
import online.niso.common.model.Manifest;
import online.niso.common.model.PackageRef;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.StackService;
import online.niso.common.model.VolumeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestOverridesTest {
    static final Manifest PACKAGE = ManifestParser.parse("manifest.toml", """
            [package]
            name = "hello-api"
            version = "1.0.0"
            [binary]
            entrypoint = "python3"
            args = ["/app/app.py"]
            working_dir = "/app/src"
            [environment]
            PORT = "8080"
            GREETING = "hello"
            [network]
            network = "default"
            ports = ["8080:8080"]
            [service]
            restart = "always"
            [volumes]
            cache = { mount = "/cache", tmpfs = true }
            data = { mount = "/data" }
            [healthcheck]
            http = "http://127.0.0.1:8080/health"
            """);

    static StackService entry(String toml) {
        return StackParser.parse("stack.toml", """
                [stack]
                name = "shop"
                [networks]
                backend = { subnet = "10.99.1.0/24" }
                [[service]]
                name = "api"
                package = "hello-api:1.0.0"
                """ + toml).service("api").orElseThrow();
    }

    @Test
    void aPlainDefinitionChangesNothing() {
        assertThat(ManifestOverrides.apply(PACKAGE, ServiceDefinition.plain("api", "hello-api").overrides()))
                .isEqualTo(PACKAGE);
    }

    @Test
    void eachOverrideReplacesOnlyItsField() {
        Manifest m = ManifestOverrides.apply(PACKAGE, entry("""
                ports = ["18080:8080"]
                networks = ["backend"]
                [service.environment]
                GREETING = "hi"
                DB_HOST = "db.niso.local"
                [service.binary]
                args = ["/app/app.py", "--verbose"]
                [service.volumes]
                data = { mount = "/srv/data", mode = "ro" }
                shared = { mount = "/shared", exclusive = true }
                """));
        assertThat(m.environment().variables()).containsExactly(Map.entry("DB_HOST", "db.niso.local"),
                Map.entry("GREETING", "hi"), Map.entry("PORT", "8080"));
        assertThat(m.binary().entrypoint()).isEqualTo("python3");
        assertThat(m.binary().args()).containsExactly("/app/app.py", "--verbose");
        assertThat(m.binary().workingDir()).contains("/app/src");
        assertThat(m.network().network()).isEqualTo("backend");
        assertThat(m.network().ports()).extracting(Object::toString).containsExactly("18080:8080/tcp");
        assertThat(m.volumes()).containsOnlyKeys("cache", "data", "shared");
        assertThat(m.volumes().get("data")).isEqualTo(new VolumeSpec.Named("data", "/srv/data", AccessMode.READ_ONLY));
        assertThat(m.volumes().get("cache")).isInstanceOf(VolumeSpec.Tmpfs.class);
        assertThat(m.healthcheck()).isEqualTo(PACKAGE.healthcheck());
        assertThat(m.service().restart()).isEqualTo(ServiceSettings.RestartPolicy.ALWAYS);
    }

    @Test
    void aOneshotNeverRestarts() {
        Manifest m = ManifestOverrides.apply(PACKAGE, entry("type = \"oneshot\"\n"));
        assertThat(m.service().type()).isEqualTo(ServiceSettings.ServiceType.ONESHOT);
        assertThat(m.service().restart()).isEqualTo(ServiceSettings.RestartPolicy.NO);
    }

    @Test
    void severalNetworksReplaceThePackagesInTheStacksOrder() {
        StackService two = new StackService("api", PackageRef.parse("hello-api:1.0.0"), List.of(),
                List.of("frontend", "backend"), Map.of(), Optional.empty(), Map.of(), Map.of(), Optional.empty());
        Manifest m = ManifestOverrides.apply(PACKAGE, two);
        assertThat(m.network().networks()).containsExactly("frontend", "backend");
        assertThat(m.network().network()).as("the first is the primary").isEqualTo("frontend");
        assertThat(m.network().ports()).isEqualTo(PACKAGE.network().ports());
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 25).mapToObj(i -> 7919L * i + 13);
    }

    /** Property: the merged environment has every key of both, the stack's value where both have one. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void environmentsMergeAndTheStackWins(long seed) {
        Random r = new Random(seed);
        Map<String, String> pkg = randomEnv(r);
        Map<String, String> stack = randomEnv(r);
        Manifest m = new Manifest(PACKAGE.pkg(), PACKAGE.binary(), PACKAGE.runtime(), new EnvironmentSpec(pkg,
                Optional.empty()), PACKAGE.service(), PACKAGE.healthcheck(), PACKAGE.network(), PACKAGE.isolation(),
                PACKAGE.volumes(), PACKAGE.labels(), PACKAGE.hooks(), PACKAGE.copy(), PACKAGE.secrets());
        StackService o = new StackService("api", PackageRef.parse("hello-api:1.0.0"), List.of(), List.of(), Map.of(),
                Optional.empty(), Map.of(), stack, Optional.empty());

        Map<String, String> merged = ManifestOverrides.apply(m, o).environment().variables();

        assertThat(merged.keySet()).containsAll(pkg.keySet()).containsAll(stack.keySet());
        assertThat(merged).hasSize((int) Stream.concat(pkg.keySet().stream(), stack.keySet().stream()).distinct().count());
        merged.forEach((k, v) -> assertThat(v).isEqualTo(stack.containsKey(k) ? stack.get(k) : pkg.get(k)));
        assertThat(List.copyOf(merged.keySet())).isSorted();
    }

    private static Map<String, String> randomEnv(Random r) {
        Map<String, String> out = new HashMap<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.put("K" + r.nextInt(8), "v" + r.nextInt(1000));
        }
        return out;
    }
}
