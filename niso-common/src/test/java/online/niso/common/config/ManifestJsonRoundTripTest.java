package online.niso.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import online.niso.common.error.ConfigException;
import online.niso.common.json.Json;
import online.niso.common.model.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifest → derived JSON text → Manifest is lossless: for seeded random manifests covering every section,
 * the decoded manifest equals the TOML-parsed one (and renders the same, which also compares list order and
 * the values EnvironmentSpec's toString hides), and encoding it again gives the same text.
 * 20 seeds × 100 manifests.
 */
class ManifestJsonRoundTripTest {
    static final int PER_SEED = 100;
    /** How often each section occurred, over all seeds: guards the generator against covering nothing. */
    static final Map<String, Integer> SEEN = new TreeMap<>();

    static IntStream seeds() {
        return IntStream.range(0, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decodedEqualsParsed(int seed) {
        ManifestTomlGenerator gen = new ManifestTomlGenerator(seed * 1_000_003L + 11);
        for (int i = 0; i < PER_SEED; i++) {
            String toml = gen.next();
            Manifest parsed;
            try {
                parsed = ManifestParser.parse("manifest.toml", toml);
            } catch (ConfigException e) {
                fail("seed " + seed + " doc " + i + ": the generator made an invalid manifest: " + e.getMessage()
                        + "\n" + toml);
                return;
            }
            count(parsed);
            byte[] bytes = toml.getBytes(StandardCharsets.UTF_8);
            String derived = DerivedManifest.encode(parsed, bytes);
            String where = "seed " + seed + " doc " + i;
            Manifest decoded = DerivedManifest.decode(derived, bytes).orElseThrow(() -> new AssertionError(
                    where + ": not decoded:\n" + derived));
            assertThat(decoded).as("seed %d doc %d:\n%s", seed, i, toml).isEqualTo(parsed);
            assertThat(decoded.toString()).isEqualTo(parsed.toString());
            assertThat(decoded.environment().variables().toString())
                    .isEqualTo(parsed.environment().variables().toString());
            assertThat(DerivedManifest.encode(decoded, bytes)).isEqualTo(derived);
            // The generic JSON view agrees too (nothing only toString or equals would miss).
            assertThat(Json.line(ManifestJson.encode(decoded))).isEqualTo(Json.line(ManifestJson.encode(parsed)));
        }
    }

    private static synchronized void count(Manifest m) {
        bump("healthcheck", m.healthcheck().isPresent());
        bump("healthcheck.tcp", m.healthcheck().filter(h -> h.probe() instanceof
                online.niso.common.model.HealthCheck.Tcp).isPresent());
        bump("network.ports", !m.network().ports().isEmpty());
        bump("network.ip", m.network().ip().isPresent());
        bump("network.policy.egress", !m.network().policy().egressAllow().isEmpty());
        bump("network.policy.allow_from", !m.network().policy().allowFrom().isEmpty());
        bump("isolation.resources.ulimits", !m.isolation().resources().ulimits().isEmpty());
        bump("isolation.resources.memory_max", m.isolation().resources().memoryMax().isPresent());
        bump("isolation.security.capabilities_add", !m.isolation().security().capabilitiesAdd().isEmpty());
        bump("isolation.security.seccomp", m.isolation().security().seccomp().isPresent());
        bump("volumes.tmpfs", m.volumes().values().stream().anyMatch(v -> v instanceof
                online.niso.common.model.VolumeSpec.Tmpfs));
        bump("volumes.bind", m.volumes().values().stream().anyMatch(v -> v instanceof
                online.niso.common.model.VolumeSpec.Bind));
        bump("runtime.use", m.runtime().use().isPresent());
        bump("environment", !m.environment().variables().isEmpty());
        bump("labels", !m.labels().isEmpty());
        bump("hooks", m.hooks().preActivate().isPresent());
        bump("copy", !m.copy().include().isEmpty());
        bump("secrets", !m.secrets().isEmpty());
        bump("service.after", !m.service().after().isEmpty());
        bump("binary.working_dir", m.binary().workingDir().isPresent());
    }

    private static void bump(String key, boolean present) {
        SEEN.merge(key, present ? 1 : 0, Integer::sum);
    }

    @AfterAll
    static void everySectionWasGenerated() {
        if (SEEN.isEmpty()) {
            return; // a single seed was run on its own
        }
        SEEN.forEach((k, n) -> assertThat(n).as("manifests with " + k).isGreaterThan(10));
    }

    @Test
    void theDocsFullExampleRoundTrips() throws Exception {
        String toml = new String(getClass().getResourceAsStream("/config-valid/manifest-docs-full.toml")
                .readAllBytes(), StandardCharsets.UTF_8);
        Manifest parsed = ManifestParser.parse("manifest.toml", toml);
        byte[] bytes = toml.getBytes(StandardCharsets.UTF_8);
        assertThat(DerivedManifest.decode(DerivedManifest.encode(parsed, bytes), bytes)).contains(parsed);
    }
}
