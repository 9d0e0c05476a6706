package online.niso.fleet.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.common.json.Json;
import online.niso.fleet.inventory.FleetSnapshot;
import online.niso.fleet.inventory.HostState;
import online.niso.fleet.remote.NodeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "status", mixinStandardHelpOptions = true, description = "What every host of an environment runs: HOST / SERVICE / VERSION / STATUS / HEALTH.")
final class StatusCommand implements Callable<Integer> {
    private final FleetEnvironment world;

    @Mixin FleetOptions options;

    @Parameters(index = "0", paramLabel = "ENV")
    String environment;

    @Option(names = "--hosts", paramLabel = "SELECTOR", description = "Only hosts whose labels match.")
    String hosts;

    StatusCommand(FleetEnvironment world) {
        this.world = world;
    }

    @Override
    public Integer call() {
        try (FleetContext ctx = FleetContext.load(world, options, environment)) {
            FleetSnapshot s = ctx.snapshot(ctx.hosts(Optional.ofNullable(hosts)));
            world.out().print(options.json ? Json.line(json(ctx.env.name(), s, Optional.empty())) + "\n" : table(s));
            world.out().flush();
            List<String> lost = unreachable(s);
            if (lost.isEmpty()) {
                return 0;
            }
            // A monitoring job must not read "exit 0" as "the fleet is fine" when it could not see part of it.
            world.err().println(lost.size() + " of " + s.hosts().size() + (s.hosts().size() == 1 ? " host" : " hosts")
                    + " unreachable: " + String.join("; ", lost));
            return online.niso.common.error.ExitCode.FAILED.code();
        }
    }

    /** "th3 (reason)" for every host that could not be asked, in fleet order. */
    static List<String> unreachable(FleetSnapshot s) {
        List<String> out = new ArrayList<>();
        for (HostState h : s.hosts().values()) {
            if (h instanceof HostState.Unreachable u) {
                out.add(h.host() + " (" + u.reason() + ")");
            }
        }
        return out;
    }

    static String table(FleetSnapshot s) {
        Table t = new Table("HOST", "SERVICE", "VERSION", "STATUS", "HEALTH");
        for (HostState h : s.hosts().values()) {
            if (h instanceof HostState.Unreachable u) {
                t.row(h.host(), "-", "-", "unreachable", u.reason());
                continue;
            }
            NodeStatus st = ((HostState.Reachable) h).status();
            if (st.services().isEmpty()) {
                t.row(h.host(), "-", "-", "no services", "-");
            }
            for (NodeStatus.ServiceState v : st.services()) {
                t.row(h.host(), v.name(), v.version(), v.activeState() + "/" + v.subState(), v.health().wire());
            }
        }
        return t.render();
    }

    /** {@code service}: only that service (for versions SVC). */
    static Map<String, Object> json(String env, FleetSnapshot s, Optional<String> service) {
        List<Object> hosts = new ArrayList<>();
        for (HostState h : s.hosts().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h.host());
            m.put("reachable", h instanceof HostState.Reachable);
            if (h instanceof HostState.Unreachable u) {
                m.put("reason", u.reason());
                m.put("services", List.of());
            } else {
                List<Object> services = new ArrayList<>();
                for (NodeStatus.ServiceState v : ((HostState.Reachable) h).status().services()) {
                    if (service.isPresent() && !service.get().equals(v.name())) {
                        continue;
                    }
                    Map<String, Object> sv = new LinkedHashMap<>();
                    sv.put("name", v.name());
                    sv.put("package", v.pkg());
                    sv.put("version", v.version());
                    sv.put("digest", v.digest());
                    sv.put("previous", v.previous().map(p -> Map.of("version", p.version(), "digest", p.digest())).orElse(null));
                    sv.put("active_state", v.activeState());
                    sv.put("sub_state", v.subState());
                    sv.put("health", v.health().wire());
                    services.add(sv);
                }
                m.put("services", services);
            }
            hosts.add(m);
        }
        return Map.of("schema", Json.SCHEMA, "environment", env, "observed_digest", s.digest(), "hosts", hosts);
    }
}
