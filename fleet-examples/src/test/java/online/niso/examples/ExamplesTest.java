package online.niso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import online.niso.common.config.FleetParser;
import online.niso.common.config.FleetValidator;
import online.niso.common.config.StackParser;
import online.niso.common.json.Json;
import online.niso.common.model.Fleet;
import online.niso.common.model.FleetEnvironment;
import online.niso.common.model.PackageRef;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.fleet.inventory.Artifact;
import online.niso.fleet.inventory.DesiredFleet;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.plan.PlanRenderer;
import online.niso.fleet.plan.RolloutPlanner;
import online.niso.fleet.remote.NodeJson;
import online.niso.testinfra.golden.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example parses, validates against its stack, and plans — against its observed.json (contract
 * status documents per host, or "unreachable") — to exactly its expected-plan.txt. Artifact digests are
 * stand-ins derived from "name:version" so the golden plans need no binary files.
 */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("examples");

    static Stream<String> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static String digest(PackageRef ref) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ref.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleParsesValidatesAndPlansToItsGolden(String name) throws Exception {
        Path dir = EXAMPLES.resolve(name);
        for (String f : new String[] {"fleet.toml", "stack.toml", "README.md", "observed.json"}) {
            assertThat(dir.resolve(f)).as("every example has %s", f).isRegularFile();
        }
        Fleet fleet = FleetParser.parse("fleet.toml", Files.readString(dir.resolve("fleet.toml")));
        Stack stack = StackParser.parse("stack.toml", Files.readString(dir.resolve("stack.toml")));
        FleetValidator.validateAgainstStack(fleet, stack, "fleet.toml");
        assertThat(fleet.stack()).contains("stack.toml");
        FleetEnvironment env = fleet.environment("prod").or(fleet::soleEnvironment).orElseThrow();

        Map<PackageRef, Artifact> artifacts = new LinkedHashMap<>();
        for (StackService s : stack.services()) {
            artifacts.put(s.pkg(), new Artifact(s.pkg(), digest(s.pkg()), dir.resolve("packages").resolve(s.pkg().name() + ".niso")));
        }
        DesiredFleet desired = DesiredFleet.resolve(env, stack, artifacts, env.deploy());
        String text = PlanRenderer.text(new RolloutPlanner().plan(desired, observed(dir.resolve("observed.json"))));
        Golden.assertMatches(dir.resolve("expected-plan.txt"), text);
    }

    static FleetSnapshot observed(Path file) throws IOException {
        JsonNode hosts = Json.mapper().readTree(Files.readString(file)).get("hosts");
        Map<String, HostState> states = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = hosts.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            states.put(e.getKey(), v.has("unreachable") ? new HostState.Unreachable(e.getKey(), v.get("unreachable").asText())
                    : new HostState.Reachable(e.getKey(), NodeJson.status(e.getKey(), Json.mapper().writeValueAsString(v))));
        }
        return new FleetSnapshot(states);
    }
}
