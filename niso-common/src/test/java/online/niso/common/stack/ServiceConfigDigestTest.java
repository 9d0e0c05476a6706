package online.niso.common.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import online.niso.common.model.AccessMode;
import online.niso.common.model.BinaryOverride;
import online.niso.common.model.PackageRef;
import online.niso.common.model.PortMapping;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.StackService;
import online.niso.common.model.StackVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-field digests name exactly the field that changed, and the whole digest keeps its format. */
class ServiceConfigDigestTest {

    static StackService rich() {
        return new StackService("api", PackageRef.parse("hello-api:2.0.0"), List.of(PortMapping.parse("8080:80/tcp")),
                List.of("backend"), Map.of("db", StackService.DependencyCondition.HEALTHY),
                Optional.of(ServiceSettings.ServiceType.SIMPLE),
                Map.of("data", new StackVolume("data", "/var/lib/api", false, AccessMode.READ_WRITE)),
                Map.of("B", "s3cret", "A", "one\nline"),
                Optional.of(new BinaryOverride(Optional.of("/app/run"), Optional.of(List.of("--x")), Optional.empty())));
    }

    @Test
    void canonicalTextIsPinned() {
        // Hosts store this digest in their stack records: a format change would redeploy every service.
        assertThat(ServiceConfigDigest.canonical(rich())).isEqualTo("""
                name=api
                package=hello-api:2.0.0
                ports=8080:80/tcp
                networks=backend
                depends_on=db:healthy
                type=simple
                volume=data:/var/lib/api:rw:false
                env=A:8:one
                line
                env=B:6:s3cret
                entrypoint=8:/app/run
                args=3:--x
                """);
    }

    @Test
    void fieldsCoverEveryFieldButTheNameAndHideValues() {
        SortedMap<String, String> f = ServiceConfigDigest.fields(rich());
        assertThat(f.keySet()).containsExactlyElementsOf(new TreeMap<>(Map.of("package", 1, "ports", 1, "networks", 1,
                "depends_on", 1, "type", 1, "volumes", 1, "environment", 1, "binary", 1)).keySet());
        assertThat(f.values()).allSatisfy(d -> assertThat(d).startsWith("sha256:").hasSize(71));
        assertThat(f.toString()).doesNotContain("s3cret").doesNotContain("line");
    }

    static Stream<Long> seeds() {
        return new Random(7).longs(40).boxed();
    }

    /** Property: change one random field of a random service → exactly that field's digest and the whole digest differ. */
    @ParameterizedTest
    @MethodSource("seeds")
    void changingOneFieldChangesExactlyThatFieldsDigest(long seed) {
        Random r = new Random(seed);
        StackService s = random(r);
        String field = ServiceConfigDigest.FIELDS.get(r.nextInt(ServiceConfigDigest.FIELDS.size()));
        StackService t = mutate(s, field, r);
        SortedMap<String, String> a = ServiceConfigDigest.fields(s);
        SortedMap<String, String> b = ServiceConfigDigest.fields(t);
        assertThat(ServiceConfigDigest.of(t)).isNotEqualTo(ServiceConfigDigest.of(s));
        for (String f : ServiceConfigDigest.FIELDS) {
            if (f.equals(field)) {
                assertThat(b.get(f)).as(f).isNotEqualTo(a.get(f));
            } else {
                assertThat(b.get(f)).as(f).isEqualTo(a.get(f));
            }
        }
        assertThat(ServiceConfigDigest.fields(random(new Random(seed)))).isEqualTo(a);
    }

    private static StackService random(Random r) {
        Map<String, String> env = new TreeMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            env.put("K" + r.nextInt(9), "v" + r.nextInt(1000));
        }
        return new StackService("svc", PackageRef.parse("p:1." + r.nextInt(5) + ".0"),
                r.nextBoolean() ? List.of(PortMapping.parse((8000 + r.nextInt(9)) + ":80/tcp")) : List.of(),
                r.nextBoolean() ? List.of("n" + r.nextInt(3)) : List.of(), Map.of(), Optional.empty(), Map.of(), env,
                Optional.empty());
    }

    private static StackService mutate(StackService s, String field, Random r) {
        return switch (field) {
            case "package" -> with(s, PackageRef.parse("p:9.9.9"), s.ports(), s.networks(), s.dependsOn(), s.type(),
                    s.volumes(), s.environment(), s.binary());
            case "ports" -> with(s, s.pkg(), List.of(PortMapping.parse("9999:81/tcp")), s.networks(), s.dependsOn(),
                    s.type(), s.volumes(), s.environment(), s.binary());
            case "networks" -> with(s, s.pkg(), s.ports(), List.of("other"), s.dependsOn(), s.type(), s.volumes(),
                    s.environment(), s.binary());
            case "depends_on" -> with(s, s.pkg(), s.ports(), s.networks(),
                    Map.of("db", StackService.DependencyCondition.STARTED), s.type(), s.volumes(), s.environment(),
                    s.binary());
            case "type" -> with(s, s.pkg(), s.ports(), s.networks(), s.dependsOn(),
                    Optional.of(ServiceSettings.ServiceType.ONESHOT), s.volumes(), s.environment(), s.binary());
            case "volumes" -> with(s, s.pkg(), s.ports(), s.networks(), s.dependsOn(), s.type(),
                    Map.of("v", new StackVolume("v", "/v", true, AccessMode.READ_ONLY)), s.environment(), s.binary());
            case "environment" -> {
                Map<String, String> env = new TreeMap<>(s.environment());
                env.put("K" + r.nextInt(9), "changed-" + r.nextInt(1000));
                yield with(s, s.pkg(), s.ports(), s.networks(), s.dependsOn(), s.type(), s.volumes(), env, s.binary());
            }
            case "binary" -> with(s, s.pkg(), s.ports(), s.networks(), s.dependsOn(), s.type(), s.volumes(),
                    s.environment(), Optional.of(new BinaryOverride(Optional.empty(), Optional.empty(),
                            Optional.of("/w"))));
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static StackService with(StackService s, PackageRef pkg, List<PortMapping> ports, List<String> networks,
            Map<String, StackService.DependencyCondition> deps, Optional<ServiceSettings.ServiceType> type,
            Map<String, StackVolume> volumes, Map<String, String> env, Optional<BinaryOverride> binary) {
        return new StackService(s.name(), pkg, ports, networks, deps, type, volumes, env, binary);
    }
}
