package online.niso.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import online.niso.common.error.ConfigError;
import online.niso.common.error.ConfigException;
import online.niso.common.model.IpAddress;
import online.niso.common.model.Manifest;
import online.niso.common.model.Names;
import online.niso.common.model.PackageRef;
import online.niso.common.model.PortMapping;
import online.niso.common.model.ServiceSettings.ServiceType;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.model.StackService;
import online.niso.common.model.StackVolume;
import online.niso.common.model.VolumeSpec;

/**
 * Rules that need the packages' manifests: every package must be available, a {@code healthy}
 * dependency needs a health check, {@code completed} needs a oneshot, and effective ports and
 * mounts must not clash. Records carry no source positions, so errors name the key path only.
 */
public final class StackValidator {
    private StackValidator() {
    }

    public static void validatePackages(Stack stack, String fileName, Function<PackageRef, Optional<Manifest>> lookup)
            throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        Map<String, Manifest> manifests = new TreeMap<>();
        List<StackService> services = stack.services();
        for (int i = 0; i < services.size(); i++) {
            StackService s = services.get(i);
            Optional<Manifest> m = lookup.apply(s.pkg());
            if (m.isEmpty()) {
                errors.add(error(fileName, i, "package", "package " + s.pkg() + " is not available (install or pull it first)"));
                continue;
            }
            if (!m.get().ref().equals(s.pkg())) {
                errors.add(error(fileName, i, "package", "the package found for " + s.pkg() + " declares itself as "
                        + m.get().ref()));
            }
            manifests.put(s.name(), m.get());
            mounts(fileName, i, s, m.get(), errors);
        }
        for (int i = 0; i < services.size(); i++) {
            StackService s = services.get(i);
            for (var dep : s.dependsOn().entrySet()) {
                Optional<StackService> target = stack.service(dep.getKey());
                Manifest tm = manifests.get(dep.getKey());
                if (target.isEmpty() || tm == null) {
                    continue;
                }
                boolean oneshot = target.get().type().orElse(tm.service().type()) == ServiceType.ONESHOT;
                String key = "depends_on." + dep.getKey();
                if (dep.getValue() == DependencyCondition.HEALTHY && oneshot) {
                    errors.add(error(fileName, i, key, dep.getKey() + " is a oneshot and never becomes healthy; use \"completed\""));
                } else if (dep.getValue() == DependencyCondition.HEALTHY && tm.healthcheck().isEmpty()) {
                    errors.add(error(fileName, i, key, "\"healthy\" needs a health check, but package "
                            + tm.ref() + " has no [healthcheck]; use \"started\" or add one"));
                }
                if (dep.getValue() == DependencyCondition.COMPLETED && !oneshot) {
                    errors.add(error(fileName, i, key, "\"completed\" needs a oneshot service, but " + dep.getKey()
                            + " is a long-running service"));
                }
            }
        }
        effectivePortClashes(fileName, services, manifests, errors);
        staticIps(fileName, stack, manifests, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    /** The ports a service publishes: the stack's list if given, else the package's [network] ports. */
    public static List<PortMapping> effectivePorts(StackService s, Manifest m) {
        return s.ports().isEmpty() ? m.network().ports() : s.ports();
    }

    private static void mounts(String file, int i, StackService s, Manifest m, List<ConfigError> errors) {
        for (StackVolume v : s.volumes().values()) {
            for (VolumeSpec mv : m.volumes().values()) {
                if (mv.mount().equals(v.mount()) && !mv.name().equals(v.name())) {
                    errors.add(error(file, i, "volumes." + v.name(), "mount " + v.mount()
                            + " is also used by the package's volume " + mv.name()));
                }
            }
        }
    }

    private static void effectivePortClashes(String file, List<StackService> services, Map<String, Manifest> manifests,
                                             List<ConfigError> errors) {
        for (int i = 0; i < services.size(); i++) {
            Manifest mi = manifests.get(services.get(i).name());
            if (mi == null) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                Manifest mj = manifests.get(services.get(j).name());
                if (mj == null || (!services.get(i).ports().isEmpty() && !services.get(j).ports().isEmpty())) {
                    continue; // both from stack.toml: already checked by StackParser
                }
                for (PortMapping p : effectivePorts(services.get(i), mi)) {
                    for (PortMapping q : effectivePorts(services.get(j), mj)) {
                        if (p.clashesWith(q)) {
                            errors.add(error(file, i, "ports", "host port " + p.hostPort() + "/" + p.protocol().configName()
                                    + " is already published by service " + services.get(j).name() + " (" + q + ")"));
                        }
                    }
                }
            }
        }
    }

    /** The networks a service joins: the stack's list if given, else the package's [network] networks. */
    public static List<String> effectiveNetworks(StackService s, Manifest m) {
        return s.networks().isEmpty() ? m.network().networks() : s.networks();
    }

    /** A package's static ip must lie in a network the service joins, and be unique in the stack. */
    private static void staticIps(String file, Stack stack, Map<String, Manifest> manifests, List<ConfigError> errors) {
        Map<IpAddress, String> taken = new java.util.HashMap<>();
        List<StackService> services = stack.services();
        for (int i = 0; i < services.size(); i++) {
            StackService s = services.get(i);
            Manifest m = manifests.get(s.name());
            if (m == null || m.network().ip().isEmpty()) {
                continue;
            }
            var ip = m.network().ip().get();
            boolean inside = false;
            for (String n : effectiveNetworks(s, m)) {
                var subnet = n.equals(Names.DEFAULT_NETWORK) ? StackParser.DEFAULT_SUBNET
                        : stack.networks().containsKey(n) ? stack.networks().get(n).subnet() : null;
                inside |= subnet == null || subnet.contains(ip);
            }
            if (!inside) {
                errors.add(error(file, i, "networks", "package " + m.ref() + " wants static ip " + ip
                        + ", which is in none of the service's networks " + effectiveNetworks(s, m)));
            }
            String other = taken.putIfAbsent(ip, s.name());
            if (other != null) {
                errors.add(error(file, i, "package", "static ip " + ip + " is also used by service " + other));
            }
        }
    }

    private static ConfigError error(String file, int index, String key, String message) {
        return new ConfigError(file, 0, 0, "service[" + index + "]." + key, message);
    }
}
