package online.niso.node.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.node.activate.ServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "health", mixinStandardHelpOptions = true,
        description = "Probe a service now. Exit 0 when healthy (or running without a health check), 1 otherwise.")
final class HealthCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--await", description = "Probe until healthy (exit 0) or until --timeout (exit 1).")
    boolean await;

    @Option(names = "--timeout", paramLabel = "D", description = "How long --await probes (default: what the"
            + " health check needs to decide).")
    String timeout;

    HealthCommand(NodeEnvironment env) {
        this.env = env;
    }

    record HealthView(String service, String health, String activeState, String detail) implements Views.View {
        @Override
        public String text() {
            return service + ": " + health + " (" + activeState + ")" + (detail.isEmpty() ? "" : "\n  " + detail);
        }
    }

    @Override
    public Integer call() {
        if (await) {
            var t = ActivationCommands.timeout(timeout);
            boolean ok = ActivationCommands.status(env, env.paths(common.root)).awaitHealthy(name, t);
            // One line for the journal of the unit whose ExecStartPost= this usually is.
            Output.print(env, json, new HealthView(name, ok ? "healthy" : "unhealthy", "awaited", ok ? ""
                    : "not healthy within " + (timeout == null ? "the health check's time" : timeout)));
            return ok ? 0 : 1;
        }
        List<ServiceStatus> s = ActivationCommands.status(env, env.paths(common.root)).services(Optional.of(name));
        ServiceStatus st = s.get(0);
        Output.print(env, json, new HealthView(st.name(), st.health(), st.activeState(), st.healthDetail()));
        boolean ok = st.health().equals("healthy") || (st.health().equals("none") && st.activeState().equals("active"));
        return ok ? 0 : 1;
    }
}
