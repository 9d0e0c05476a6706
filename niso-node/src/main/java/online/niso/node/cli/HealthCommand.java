package online.niso.node.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.node.activate.ServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Probe a service now. Exit 0 when healthy (or running without a health check), 1 otherwise.")
final class HealthCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

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
        List<ServiceStatus> s = ActivationCommands.status(env, env.paths(common.root)).services(Optional.of(name));
        ServiceStatus st = s.get(0);
        Output.print(env, json, new HealthView(st.name(), st.health(), st.activeState(), st.healthDetail()));
        boolean ok = st.health().equals("healthy") || (st.health().equals("none") && st.activeState().equals("active"));
        return ok ? 0 : 1;
    }
}
