package online.niso.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import online.niso.common.json.Json;
import online.niso.fleet.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "audit", mixinStandardHelpOptions = true,
        description = "The deploys of an environment recorded by this machine (each touched host keeps its own copy in "
                + AuditLog.HOST_DIR + ").")
final class AuditCommand implements Callable<Integer> {
    private final FleetEnvironment world;

    @Mixin FleetOptions options;

    @Parameters(index = "0", paramLabel = "ENV")
    String environment;

    AuditCommand(FleetEnvironment world) {
        this.world = world;
    }

    @Override
    public Integer call() throws Exception {
        try (FleetContext ctx = FleetContext.load(world, options, environment)) {
            List<JsonNode> records = new ArrayList<>();
            for (String line : new AuditLog(AuditLog.defaultFile(world.home(), world.env())).read()) {
                JsonNode n = Json.mapper().readTree(line);
                if (ctx.fleet.name().equals(n.path("fleet").asText()) && environment.equals(n.path("environment").asText())) {
                    records.add(n);
                }
            }
            if (options.json) {
                world.out().println(Json.line(java.util.Map.of("schema", Json.SCHEMA, "environment", environment, "deploys", records)));
                return 0;
            }
            Table t = new Table("TIME", "OUTCOME", "BY", "PLAN", "MESSAGE");
            for (JsonNode n : records) {
                t.row(n.path("time").asText(), n.path("outcome").asText(), n.path("holder").asText(),
                        online.niso.fleet.inventory.Digests.shortForm(n.path("plan_digest").asText()), n.path("message").asText());
            }
            world.out().print(t.render());
            return 0;
        }
    }
}
