package online.niso.fleet.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.common.error.InvalidInputException;
import online.niso.common.json.Json;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.remote.NodeStatus;
import online.niso.fleet.remote.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "versions", mixinStandardHelpOptions = true, description = "The version (and previous version) of each service on each host.")
final class VersionsCommand implements Callable<Integer> {
    private final FleetEnvironment world;

    @Mixin FleetOptions options;

    @Parameters(index = "0", paramLabel = "ENV")
    String environment;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SVC", description = "Only this stack service.")
    String service;

    VersionsCommand(FleetEnvironment world) {
        this.world = world;
    }

    @Override
    public Integer call() {
        try (FleetContext ctx = FleetContext.load(world, options, environment)) {
            if (service != null && ctx.stack.service(service).isEmpty()) {
                throw new InvalidInputException("stack " + ctx.stack.name() + " has no service \"" + service + "\"");
            }
            var hosts = service == null ? ctx.env.hosts() : ctx.env.hostsFor(service);
            FleetSnapshot s = ctx.snapshot(hosts);
            world.out().print(options.json ? Json.line(StatusCommand.json(ctx.env.name(), s, Optional.ofNullable(service))) + "\n"
                    : table(s, Optional.ofNullable(service)));
            return 0;
        }
    }

    static String table(FleetSnapshot s, Optional<String> service) {
        Table t = new Table("HOST", "SERVICE", "VERSION", "DIGEST", "PREVIOUS");
        for (HostState h : s.hosts().values()) {
            if (h instanceof HostState.Unreachable u) {
                t.row(h.host(), service.orElse("-"), "unreachable", "-", "-");
                continue;
            }
            NodeStatus st = ((HostState.Reachable) h).status();
            boolean any = false;
            for (NodeStatus.ServiceState v : st.services()) {
                if (service.isEmpty() || service.get().equals(v.name())) {
                    any = true;
                    t.row(h.host(), v.name(), v.version(), online.niso.fleet.inventory.Digests.shortForm(v.digest()),
                            v.previous().map(Release::version).orElse("-"));
                }
            }
            if (!any) {
                t.row(h.host(), service.orElse("-"), "(not running)", "-", "-");
            }
        }
        return t.render();
    }
}
