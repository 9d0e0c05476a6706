package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import online.niso.common.config.StackParser;
import online.niso.common.error.UnexpectedStateException;
import online.niso.node.store.NodePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionStoreTest {
    static final String FULL = """
            [stack]
            name = "shop"

            [networks]
            backend = { subnet = "10.99.1.0/24" }

            [[service]]
            name = "db"
            package = "kv:7.0.0"
            networks = ["backend"]
            [service.volumes]
            data = { mount = "/data", exclusive = true }

            [[service]]
            name = "migrate"
            package = "kv-tools:1.0.0"
            type = "oneshot"
            [service.depends_on]
            db = "started"
            [service.volumes]
            shared = { mount = "/shared", mode = "ro" }

            [[service]]
            name = "api"
            package = "hello-api:1.2.0"
            ports = ["8080:8080", "127.0.0.1:9090:9090/udp"]
            networks = ["backend", "default"]
            [service.depends_on]
            db = "started"
            migrate = "completed"
            [service.environment]
            DB_HOST = "db.niso.local"
            TOKEN = "s3cret"
            [service.binary]
            entrypoint = "python3"
            args = ["app.py", "--port", "8080"]
            """;

    @TempDir Path root;

    @Test
    void everyOverrideSurvivesTheFileAndTheFileIsPrivate() throws Exception {
        DefinitionStore store = new DefinitionStore(NodePaths.of(root));
        var stack = StackParser.parse("stack.toml", FULL);
        for (String name : new String[] {"db", "migrate", "api"}) {
            ServiceDefinition def = ServiceDefinition.fromStack(stack, name);
            Release release = new Release(def.packageName(), def.requestedVersion().orElseThrow());
            store.write(def, release);
            assertThat(store.read(name, release)).isEqualTo(def);
            // What `niso status` reports and niso-fleet compares with stack.toml: the same digest after the file.
            assertThat(online.niso.common.stack.ServiceConfigDigest.of(store.read(name, release).overrides()))
                    .isEqualTo(online.niso.common.stack.ServiceConfigDigest.of(stack.service(name).orElseThrow()));
            Path file = store.file(name, release);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(store.file("api", new Release("hello-api", "1.2.0"))))
                .contains("\"package\":\"hello-api\"", "\"stack\":\"shop\"", "\"127.0.0.1:9090:9090/udp\"");
    }

    @Test
    void theFileFormatIsStable() {
        // Files written by earlier niso versions must keep reading, and an unchanged definition must not be
        // rewritten: the text is part of the host's state. Keys sorted, nulls left out, one line.
        var stack = StackParser.parse("stack.toml", FULL);
        Map<String, String> golden = Map.of(
                "api", "{\"binary\":{\"args\":[\"app.py\",\"--port\",\"8080\"],\"entrypoint\":\"python3\"},"
                        + "\"depends_on\":{\"db\":\"started\",\"migrate\":\"completed\"},\"environment\":{\"DB_HOST\":"
                        + "\"db.niso.local\",\"TOKEN\":\"s3cret\"},\"networks\":[\"backend\",\"default\"],\"package\":"
                        + "\"hello-api\",\"package_version\":\"1.2.0\",\"ports\":[\"8080:8080/tcp\",\"127.0.0.1:9090:9090/udp\"],"
                        + "\"service\":\"api\",\"stack\":\"shop\",\"volumes\":{}}\n",
                "db", "{\"depends_on\":{},\"environment\":{},\"networks\":[\"backend\"],\"package\":\"kv\","
                        + "\"package_version\":\"7.0.0\",\"ports\":[],\"service\":\"db\",\"stack\":\"shop\",\"volumes\":"
                        + "{\"data\":{\"exclusive\":true,\"mode\":\"rw\",\"mount\":\"/data\"}}}\n",
                "migrate", "{\"depends_on\":{\"db\":\"started\"},\"environment\":{},\"networks\":[],\"package\":"
                        + "\"kv-tools\",\"package_version\":\"1.0.0\",\"ports\":[],\"service\":\"migrate\",\"stack\":"
                        + "\"shop\",\"type\":\"oneshot\",\"volumes\":{\"shared\":{\"exclusive\":false,\"mode\":\"ro\","
                        + "\"mount\":\"/shared\"}}}\n");
        golden.forEach((name, text) -> {
            ServiceDefinition def = ServiceDefinition.fromStack(stack, name);
            assertThat(DefinitionStore.encode(def)).isEqualTo(text);
            assertThat(DefinitionStore.decode(Path.of(name), text)).isEqualTo(def);
        });
        String plain = "{\"depends_on\":{},\"environment\":{},\"networks\":[],\"package\":\"hello-web\","
                + "\"package_version\":\"0\",\"ports\":[],\"service\":\"web\",\"volumes\":{}}\n";
        assertThat(DefinitionStore.encode(ServiceDefinition.plain("web", "hello-web"))).isEqualTo(plain);
        assertThat(DefinitionStore.decode(Path.of("web"), plain)).isEqualTo(ServiceDefinition.plain("web", "hello-web"));
    }

    @Test
    void aFileOfTheWrongShapeIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> DefinitionStore.decode(Path.of("/x/d.json"), "{\"service\":[1],\"package\":\"a\"}"))
                .isInstanceOf(UnexpectedStateException.class).hasMessageContaining("/x/d.json")
                .hasMessageContaining("service");
        assertThatThrownBy(() -> DefinitionStore.decode(Path.of("/x/d.json"), "[]"))
                .isInstanceOf(UnexpectedStateException.class);
        assertThatThrownBy(() -> DefinitionStore.decode(Path.of("/x/d.json"), "{\"service\":\"a\""))
                .isInstanceOf(UnexpectedStateException.class);
    }

    @Test
    void noFileMeansThePlainDefinitionOfThatPackage() {
        DefinitionStore store = new DefinitionStore(NodePaths.of(root));
        assertThat(store.read("api", new Release("hello-api", "1.0.0")))
                .isEqualTo(ServiceDefinition.plain("api", "hello-api"));
        assertThat(store.readText("api", new Release("hello-api", "1.0.0"))).isEmpty();
    }

    @Test
    void restorePutsBackTheOldTextOrRemovesTheFile() throws Exception {
        DefinitionStore store = new DefinitionStore(NodePaths.of(root));
        Release r = new Release("hello-api", "1.0.0");
        store.write(ServiceDefinition.plain("api", "hello-api"), r);
        Optional<String> before = store.readText("api", r);
        store.write(ServiceDefinition.fromStack(StackParser.parse("s", FULL), "api"), r);
        store.restore("api", r, before);
        assertThat(store.read("api", r)).isEqualTo(ServiceDefinition.plain("api", "hello-api"));
        store.restore("api", r, Optional.empty());
        assertThat(store.file("api", r)).doesNotExist();
    }

    @Test
    void anEditedFileIsRefusedNotGuessed() throws Exception {
        DefinitionStore store = new DefinitionStore(NodePaths.of(root));
        Release r = new Release("hello-api", "1.0.0");
        Files.createDirectories(store.file("api", r).getParent());
        Files.writeString(store.file("api", r), "{\"service\":\"api\",");
        assertThatThrownBy(() -> store.read("api", r)).isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("is not a niso service definition");
    }

    @Test
    void toStringNeverShowsEnvironmentValues() {
        ServiceDefinition def = ServiceDefinition.fromStack(StackParser.parse("s", FULL), "api");
        assertThat(def.toString()).contains("TOKEN").doesNotContain("s3cret");
    }
}
