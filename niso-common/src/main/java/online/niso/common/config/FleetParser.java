package online.niso.common.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.error.ConfigException;
import online.niso.common.model.Fleet;
import online.niso.common.model.FleetEnvironment;
import online.niso.common.model.HostSpec;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.LabelSelector;
import online.niso.common.model.Names;
import online.niso.common.model.RolloutPolicy;
import online.niso.common.model.SshAddress;
import online.niso.common.model.SshSettings;
import online.niso.common.model.Texts;

/**
 * fleet.toml → {@link Fleet}. Two forms: several environments under [environments.<env>] (with
 * top-level [ssh], [deploy], [registry] as shared defaults), or the docs' single-environment form
 * with [[host]] at top level, which becomes the environment "default".
 */
public final class FleetParser {
    private FleetParser() {
    }

    public static Fleet parse(String fileName, String text) throws ConfigException {
        TomlReader root = TomlReader.parse(fileName, text);
        Optional<String> name = Optional.empty();
        Optional<String> stackPath = Optional.empty();
        Optional<TomlReader> fleet = root.table("fleet");
        if (fleet.isPresent()) {
            name = fleet.get().requiredValue("name", "a name like production", Names::name);
            stackPath = fleet.get().value("stack", "a path relative to fleet.toml like stack.toml", FleetParser::stackPath);
            fleet.get().finish();
        } else if (!root.has("fleet")) {
            root.missingTable("fleet");
        }
        var topSsh = root.table("ssh").map(FleetSettings::ssh).orElse(FleetSettings.SshLayer.EMPTY);
        var topDeploy = root.table("deploy").map(FleetSettings::deploy).orElse(FleetSettings.DeployLayer.EMPTY);
        Optional<URI> topRegistry = root.table("registry").flatMap(FleetSettings::registry);
        Map<String, FleetEnvironment> envs = new LinkedHashMap<>();
        boolean single = root.has("host");
        boolean multi = root.has("environments");
        if (single && multi) {
            root.error("host", "use either top-level [[host]] (one environment) or [environments.<name>], not both");
        } else if (single) {
            List<HostSpec> hosts = hosts(root, topSsh.user());
            Map<String, LabelSelector> placement = root.table("placement").map(p -> placement(p, hosts)).orElse(Map.of());
            FleetSettings.merge(FleetSettings.DeployLayer.EMPTY, topDeploy, root).ifPresent(policy ->
                    envs.put(Fleet.DEFAULT_ENVIRONMENT, new FleetEnvironment(Fleet.DEFAULT_ENVIRONMENT, hosts,
                            FleetSettings.merge(FleetSettings.SshLayer.EMPTY, topSsh), policy, topRegistry, placement)));
        } else if (multi) {
            root.table("environments").ifPresent(e -> environments(e, topSsh, topDeploy, topRegistry, envs));
            if (root.has("placement")) {
                root.error("placement", "with [environments], placement goes under [environments.<name>.placement]");
            }
        } else {
            root.errorHere("expected hosts: [[host]] entries, or [environments.<name>] with [[environments.<name>.host]]");
        }
        root.finish();
        root.throwIfErrors();
        return new Fleet(name.orElseThrow(), stackPath, envs);
    }

    /** Relative to fleet.toml's directory (absolute also allowed); resolved by the caller, not here. */
    private static String stackPath(String s) {
        if (s.isBlank()) {
            throw InvalidValueException.expected("a path like stack.toml", s);
        }
        return s;
    }

    private static void environments(TomlReader e, FleetSettings.SshLayer topSsh, FleetSettings.DeployLayer topDeploy,
                                     Optional<URI> topRegistry, Map<String, FleetEnvironment> out) {
        e.allowAnyKeys();
        if (e.keys().isEmpty()) {
            e.errorHere("expected at least one environment like [environments.prod]");
        }
        for (String envName : e.keys()) {
            if (!Names.isName(envName)) {
                e.error(envName, "expected an environment name like prod (lowercase letters, digits, hyphens), got "
                        + Texts.quote(envName));
                e.raw(envName);
                continue;
            }
            e.table(envName).ifPresent(env -> {
                var ssh = env.table("ssh").map(FleetSettings::ssh).orElse(FleetSettings.SshLayer.EMPTY);
                var deploy = env.table("deploy").map(FleetSettings::deploy).orElse(FleetSettings.DeployLayer.EMPTY);
                Optional<URI> registry = env.table("registry").flatMap(FleetSettings::registry).or(() -> topRegistry);
                List<HostSpec> hosts = hosts(env, ssh.user().or(topSsh::user));
                if (!env.has("host")) {
                    env.errorHere("expected at least one [[" + env.path() + ".host]]");
                }
                Map<String, LabelSelector> placement = env.table("placement").map(p -> placement(p, hosts)).orElse(Map.of());
                Optional<RolloutPolicy> policy = FleetSettings.merge(deploy, topDeploy, env);
                env.finish();
                SshSettings sshSettings = FleetSettings.merge(ssh, topSsh);
                policy.ifPresent(p -> out.put(envName,
                        new FleetEnvironment(envName, hosts, sshSettings, p, registry, placement)));
            });
        }
    }

    /** [[host]] entries; an address without user@ takes {@code defaultUser} (from [ssh] user). */
    private static List<HostSpec> hosts(TomlReader parent, Optional<String> defaultUser) {
        List<HostSpec> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> endpoints = new HashMap<>();
        for (TomlReader h : parent.tables("host")) {
            Optional<String> name = h.requiredValue("name", "a host name like web-1", Names::name);
            Optional<SshAddress> address = h.requiredValue("address", "an address like ssh://deploy@10.0.1.10",
                    SshAddress::parse);
            Map<String, String> labels = h.table("labels").map(FleetParser::labels).orElse(Map.of());
            h.finish();
            if (address.isPresent() && address.get().user().isEmpty()) {
                if (defaultUser.isPresent()) {
                    address = Optional.of(address.get().withDefaultUser(defaultUser.get()));
                } else {
                    h.error("address", "no SSH user: write ssh://user@host or set user under [ssh]");
                    address = Optional.empty();
                }
            }
            name.ifPresent(n -> {
                String prev = names.putIfAbsent(n, h.path());
                if (prev != null) {
                    h.error("name", "duplicate host name \"" + n + "\" (also " + prev + ")");
                }
            });
            address.ifPresent(a -> {
                String prev = endpoints.putIfAbsent(a.endpoint(), h.path());
                if (prev != null) {
                    h.error("address", "duplicate address " + a.endpoint() + " (also " + prev + ")");
                }
            });
            if (name.isPresent() && address.isPresent()) {
                out.add(new HostSpec(name.get(), address.get(), labels));
            }
        }
        return out;
    }

    private static Map<String, String> labels(TomlReader l) {
        l.allowAnyKeys();
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : l.keys()) {
            if (!key.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}")) {
                l.error(key, "expected a label key like role (letters, digits, '.', '_', '/', '-'), got " + Texts.quote(key));
                l.raw(key);
                continue;
            }
            l.value(key, "a label value like web", v -> {
                if (!v.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                    throw InvalidValueException.expected(
                            "a label value like web (letters, digits, '.', '_', '-')", v);
                }
                return v;
            }).ifPresent(v -> out.put(key, v));
        }
        return out;
    }

    /** service → selector; a selector that matches no host is an error (the service would run nowhere). */
    private static Map<String, LabelSelector> placement(TomlReader p, List<HostSpec> hosts) {
        p.allowAnyKeys();
        Map<String, LabelSelector> out = new LinkedHashMap<>();
        for (String service : p.keys()) {
            if (!Names.isName(service)) {
                p.error(service, "expected a stack service name like api, got " + Texts.quote(service));
                p.raw(service);
                continue;
            }
            p.value(service, "a label selector like role=web", LabelSelector::parse).ifPresent(sel -> {
                if (!hosts.isEmpty() && hosts.stream().noneMatch(h -> sel.matches(h.labels()))) {
                    p.error(service, "selector \"" + sel + "\" matches no host");
                }
                out.put(service, sel);
            });
        }
        return out;
    }
}
