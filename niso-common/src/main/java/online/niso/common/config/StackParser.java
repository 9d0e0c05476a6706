package online.niso.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.error.ConfigException;
import online.niso.common.model.BinaryOverride;
import online.niso.common.model.Cidr;
import online.niso.common.model.ConfigEnum;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.Names;
import online.niso.common.model.PackageRef;
import online.niso.common.model.PortMapping;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.Stack;
import online.niso.common.model.StackNetwork;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.model.StackService;
import online.niso.common.model.StackVolume;

/** stack.toml → {@link Stack}; cross-service rules live in {@link StackRules}. */
public final class StackParser {
    /** A parsed [[service]] with the readers cross-field rules need for positions. */
    record Draft(TomlReader reader, Optional<TomlReader> dependsOn, Optional<TomlReader> networksKey,
                 Optional<String> name, Optional<StackService> service) {
    }

    /** The built-in network's subnet (bridge niso-default). */
    public static final Cidr DEFAULT_SUBNET = Cidr.parse("10.99.0.0/24");

    private static final PackageRef UNPARSED_PACKAGE = PackageRef.parse("unparsed:0");

    private StackParser() {
    }

    public static Stack parse(String fileName, String text) throws ConfigException {
        TomlReader root = TomlReader.parse(fileName, text);
        Optional<String> name = Optional.empty();
        Optional<TomlReader> stack = root.table("stack");
        if (stack.isPresent()) {
            name = stack.get().requiredValue("name", "a name like my-platform", Names::name);
            stack.get().finish();
        } else if (!root.has("stack")) {
            root.missingTable("stack");
        }
        Map<String, StackNetwork> networks = root.table("networks").map(StackParser::networks).orElse(Map.of());
        List<Draft> drafts = new ArrayList<>();
        for (TomlReader s : root.tables("service")) {
            drafts.add(service(s));
        }
        if (!root.has("service")) {
            root.errorHere("expected at least one [[service]]");
        }
        root.finish();
        StackRules.check(drafts, networks);
        root.throwIfErrors();
        return new Stack(name.orElseThrow(), networks,
                drafts.stream().map(d -> d.service().orElseThrow()).toList());
    }

    private static Map<String, StackNetwork> networks(TomlReader n) {
        n.allowAnyKeys();
        Map<String, StackNetwork> out = new LinkedHashMap<>();
        for (String key : n.keys()) {
            String name;
            try {
                name = Names.network(key);
            } catch (InvalidValueException e) {
                n.error(key, e.getMessage());
                n.raw(key);
                continue;
            }
            if (name.equals(Names.DEFAULT_NETWORK)) {
                n.error(key, "the default network is built in (bridge niso-default, 10.99.0.0/24); do not declare it");
                n.raw(key);
                continue;
            }
            n.table(key).ifPresent(t -> {
                Optional<Cidr> subnet = t.requiredValue("subnet", "a subnet like 10.99.1.0/24", StackParser::subnet);
                t.finish();
                subnet.ifPresent(s -> {
                    for (StackNetwork o : out.values()) {
                        if (o.subnet().overlaps(s)) {
                            n.error(key, "subnet " + s + " overlaps network " + o.name() + " (" + o.subnet() + ")");
                        }
                    }
                    if (s.overlaps(DEFAULT_SUBNET)) {
                        n.error(key, "subnet " + s + " overlaps the default network (" + DEFAULT_SUBNET + ")");
                    }
                    out.put(name, new StackNetwork(name, s));
                });
            });
        }
        return out;
    }

    private static Cidr subnet(String s) {
        Cidr c = Cidr.parse(s);
        // A bridge needs room for the gateway (.1) and at least a couple of services.
        if (!c.address().isV4() || c.prefix() < 8 || c.prefix() > 29) {
            throw InvalidValueException.expected("an IPv4 subnet from /8 to /29 like 10.99.1.0/24", s);
        }
        return c;
    }

    private static Draft service(TomlReader s) {
        Optional<String> name = s.requiredValue("name", "a name like api", Names::name);
        Optional<PackageRef> pkg = s.requiredValue("package", "a package reference like my-api:1.0.0", PackageRef::parse);
        List<PortMapping> ports = CommonSections.ports(s, "ports");
        boolean hasNetworks = s.has("networks");
        List<String> networks = s.list("networks", "a network name", Names::network).orElse(List.of());
        Optional<TomlReader> dependsOn = s.table("depends_on");
        Map<String, DependencyCondition> deps = dependsOn.map(StackParser::dependsOn).orElse(Map.of());
        Optional<ServiceSettings.ServiceType> type = s.value("type", "simple, oneshot or notify",
                t -> ConfigEnum.parse(ServiceSettings.ServiceType.class, t, "a service type"));
        Map<String, StackVolume> volumes = s.table("volumes").map(VolumeSections::stackVolumes).orElse(Map.of());
        Map<String, String> env = s.table("environment").map(e -> {
            e.allowAnyKeys();
            return CommonSections.environmentVariables(e);
        }).orElse(Map.of());
        Optional<BinaryOverride> binary = s.table("binary").flatMap(CommonSections::binaryOverride);
        s.finish();
        // With a bad package reference the service is still built (the error is already recorded, so
        // it never escapes) so that cross-service rules can report its other problems in this run.
        Optional<StackService> svc = name.map(n -> new StackService(n, pkg.orElse(UNPARSED_PACKAGE), ports, networks,
                deps, type, volumes, env, binary));
        return new Draft(s, dependsOn, hasNetworks ? Optional.of(s) : Optional.empty(), name, svc);
    }

    private static Map<String, DependencyCondition> dependsOn(TomlReader d) {
        d.allowAnyKeys();
        Map<String, DependencyCondition> out = new LinkedHashMap<>();
        for (String key : d.keys()) {
            d.value(key, "started, healthy or completed",
                    t -> ConfigEnum.parse(DependencyCondition.class, t, "a dependency condition"))
                    .ifPresent(c -> out.put(key, c));
        }
        return out;
    }
}
