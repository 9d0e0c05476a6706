package online.niso.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import online.niso.common.error.ConfigException;
import online.niso.common.model.Manifest;
import online.niso.common.model.PackageRef;
import online.niso.common.model.Stack;
import org.junit.jupiter.api.Test;

class StackValidatorTest {
    static Manifest manifest(String name, String version, String extra) {
        return ManifestParser.parse("manifest.toml", "[package]\nname = \"" + name + "\"\nversion = \"" + version
                + "\"\n[binary]\nentrypoint = \"" + name + "\"\n" + extra);
    }

    static final Map<String, Manifest> REGISTRY = Map.of(
            "my-api:1.0.0", manifest("my-api", "1.0.0", "[network]\nports = [\"8080:8080\"]\n"
                    + "[healthcheck]\nhttp = \"http://127.0.0.1:8080/health\"\n"),
            "postgres:16", manifest("postgres", "16", "[healthcheck]\nexec = [\"pg_isready\"]\n"
                    + "[volumes]\npgdata = { mount = \"/var/lib/postgresql\" }\n"),
            "redis:7", manifest("redis", "7", ""),
            "admin:2.0", manifest("admin", "2.0", "[network]\nports = [\"8080:80\"]\n"),
            "migrator:1.0", manifest("migrator", "1.0", "[service]\ntype = \"oneshot\"\n"),
            "dns:1.0", manifest("dns", "1.0", "[network]\nnetwork = \"backend\"\nip = \"10.99.1.53\"\n"));

    static final Function<PackageRef, Optional<Manifest>> LOOKUP = ref -> Optional.ofNullable(REGISTRY.get(ref.toString()));

    static Stack stack(String services) {
        return StackParser.parse("stack.toml", "[stack]\nname = \"shop\"\n" + services);
    }

    static String svc(String name, String pkg, String extra) {
        return "[[service]]\nname = \"" + name + "\"\npackage = \"" + pkg + "\"\n" + extra + "\n";
    }

    @Test
    void acceptsAConsistentStack() throws Exception {
        Stack s = StackParser.parse("stack.toml", ValidConfigTest.read("stack-docs-platform.toml").replace(
                "package = \"my-api:1.0.0\"\ntype = \"oneshot\"", "package = \"migrator:1.0\"\ntype = \"oneshot\""));
        StackValidator.validatePackages(s, "stack.toml", LOOKUP);
    }

    @Test
    void reportsEveryPackageProblemAtOnce() {
        Stack s = stack(svc("api", "my-api:1.0.0", "depends_on = { cache = \"healthy\", migrate = \"healthy\", db = \"completed\" }")
                + svc("db", "postgres:16", "volumes = { data = { mount = \"/var/lib/postgresql\" } }")
                + svc("cache", "redis:7", "")
                + svc("migrate", "migrator:1.0", "")
                + svc("admin", "admin:2.0", "")
                + svc("ghost", "ghost:0.1", ""));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> StackValidator.validatePackages(s, "stack.toml", LOOKUP));

        assertThat(e.userMessages()).containsExactly(
                "stack.toml: service[0].depends_on.cache: \"healthy\" needs a health check, but package redis:7 has no [healthcheck]; use \"started\" or add one",
                "stack.toml: service[0].depends_on.db: \"completed\" needs a oneshot service, but db is a long-running service",
                "stack.toml: service[0].depends_on.migrate: migrate is a oneshot and never becomes healthy; use \"completed\"",
                "stack.toml: service[1].volumes.data: mount /var/lib/postgresql is also used by the package's volume pgdata",
                "stack.toml: service[4].ports: host port 8080/tcp is already published by service api (8080:8080/tcp)",
                "stack.toml: service[5].package: package ghost:0.1 is not available (install or pull it first)");
    }

    @Test
    void stackPortsReplaceThePackagePorts() {
        Stack s = stack(svc("api", "my-api:1.0.0", "") + svc("admin", "admin:2.0", "ports = [\"8081:80\"]"));
        StackValidator.validatePackages(s, "stack.toml", LOOKUP);
        assertThat(StackValidator.effectivePorts(s.services().get(1), REGISTRY.get("admin:2.0")))
                .extracting(Object::toString).containsExactly("8081:80/tcp");
    }

    @Test
    void refusesAManifestThatIsNotThePackageAsked() {
        Stack s = stack(svc("cache", "redis:7", ""));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> StackValidator.validatePackages(s, "stack.toml",
                ref -> Optional.of(REGISTRY.get("redis:7")).map(m -> manifest("redis", "6", ""))));
        assertThat(e.userMessages()).containsExactly(
                "stack.toml: service[0].package: the package found for redis:7 declares itself as redis:6");
    }

    @Test
    void staticIpsMustBeInAJoinedNetworkAndUnique() {
        String nets = "[networks]\nbackend = { subnet = \"10.99.1.0/24\" }\nfront = { subnet = \"10.99.2.0/24\" }\n";
        StackValidator.validatePackages(stack(nets + svc("dns", "dns:1.0", "")), "stack.toml", LOOKUP);

        Stack s = stack(nets + svc("dns", "dns:1.0", "networks = [\"front\"]") + svc("dns2", "dns:1.0", ""));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> StackValidator.validatePackages(s, "stack.toml", LOOKUP));
        assertThat(e.userMessages()).containsExactly(
                "stack.toml: service[0].networks: package dns:1.0 wants static ip 10.99.1.53, which is in none of the service's networks [front]",
                "stack.toml: service[1].package: static ip 10.99.1.53 is also used by service dns");
    }
}
