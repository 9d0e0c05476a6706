package online.niso.node.stack;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.stack.ObservedService;

/**
 * What {@code stack up} leaves on the host about a stack, so that status, logs, wait, restart and down work
 * without the file, and the next {@code up}/{@code diff} can say what changed. Environment KEYS only: values
 * never leave the stack file. Stored as JSON in {@code /opt/niso/stacks/<name>.json}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StackRecord(int schema, String name, String file, String fileDigest, List<Net> networks,
        List<Service> services) {
    public StackRecord {
        networks = List.copyOf(networks);
        services = services.stream().sorted(java.util.Comparator.comparing(Service::service)).toList();
    }

    public static StackRecord empty(String name) {
        return new StackRecord(1, name, "", "", List.of(), List.of());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Net(String name, String subnet) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Service(String service, String packageName, String version, String configDigest,
            List<String> ports, List<String> envKeys, List<String> dependsOn, boolean oneshot, boolean healthCheck) {
        public Service {
            ports = List.copyOf(ports);
            envKeys = envKeys.stream().sorted().toList();
            dependsOn = dependsOn.stream().sorted().toList();
        }

        /** Combined with what runs now, for the planner. */
        ObservedService observed(StackActivator.Live live) {
            return new ObservedService(service, packageName, live.present() ? live.version() : version, configDigest,
                    ports, envKeys, dependsOn, live.status(), live.ok());
        }
    }

    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.service().equals(name)).findFirst();
    }

    public StackRecord with(Service s) {
        List<Service> out = new ArrayList<>(services.stream().filter(o -> !o.service().equals(s.service())).toList());
        out.add(s);
        return new StackRecord(schema, name, file, fileDigest, networks, out);
    }

    public StackRecord without(String service) {
        return new StackRecord(schema, name, file, fileDigest, networks,
                services.stream().filter(o -> !o.service().equals(service)).toList());
    }

    public StackRecord withFile(String file, String digest, List<Net> nets) {
        return new StackRecord(schema, name, file, digest, nets, services);
    }
}
