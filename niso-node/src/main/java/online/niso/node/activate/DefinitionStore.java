package online.niso.node.activate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.json.Json;
import online.niso.common.model.AccessMode;
import online.niso.common.model.BinaryOverride;
import online.niso.common.model.ConfigEnum;
import online.niso.common.model.PackageRef;
import online.niso.common.model.PortMapping;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.StackService;
import online.niso.common.model.StackVolume;
import online.niso.node.store.NodePaths;

/**
 * Service definitions on disk: one file per service and release,
 * {@code /opt/niso/services/<service>/definitions/<package>@<version>.json}, written atomically (mode 0600:
 * a stack's environment values may be credentials). Keyed by release so that a rollback to {@code previous}
 * brings back the definition that went with that version; an activation that changes the definition of the
 * release it restores snapshots the old one in the repair journal. No file means the default definition
 * (the service runs the package of its own name as its manifest says).
 */
final class DefinitionStore {
    private final NodePaths paths;

    DefinitionStore(NodePaths paths) {
        this.paths = paths;
    }

    Path file(String service, Release release) {
        return paths.serviceDir(service).resolve("definitions")
                .resolve(release.packageName() + "@" + release.version() + ".json");
    }

    /** The definition {@code release} was activated with; the plain one of its package if none was recorded. */
    ServiceDefinition read(String service, Release release) {
        Path f = file(service, release);
        return AtomicFiles.read(f).map(text -> decode(f, text))
                .orElseGet(() -> ServiceDefinition.plain(service, release.packageName()));
    }

    /** The recorded text for {@code release} (for the repair journal), if any. */
    Optional<String> readText(String service, Release release) {
        return AtomicFiles.read(file(service, release));
    }

    void write(ServiceDefinition def, Release release) {
        AtomicFiles.writeIfChanged(file(def.service(), release), encode(def), "rw-------");
    }

    /** Puts back a text {@link #readText} returned; empty: there was no file. */
    void restore(String service, Release release, Optional<String> text) {
        if (text.isPresent()) {
            AtomicFiles.writeIfChanged(file(service, release), text.get(), "rw-------");
        } else {
            AtomicFiles.delete(file(service, release));
        }
    }

    static String encode(ServiceDefinition d) {
        try {
            return Json.mapper().writeValueAsString(tree(d)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceDefinition decode(Path file, String text) {
        try {
            return definition(Json.mapper().readTree(text));
        } catch (IOException | RuntimeException e) {
            // Written atomically, so a parse error means someone edited it: refuse to guess.
            throw new UnexpectedStateException(file + " is not a niso service definition (" + e.getMessage()
                    + "); inspect and fix or delete it");
        }
    }

    /*
     * The file format: plain JSON types, config spellings (ports "8080:80/tcp", modes "rw"/"ro"), keys sorted,
     * absent optional values left out. Mapped through Jackson's tree model, not record data binding: every
     * `niso activate` reads a definition before anything else, and binding a record is introspected by
     * reflection on first use (~100-200 ms of a cold JVM, as much as picocli's whole model).
     */

    static ObjectNode tree(ServiceDefinition d) {
        StackService o = d.overrides();
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("service", d.service());
        n.put("package", d.packageName());
        n.put("package_version", o.pkg().version().text());
        d.stack().ifPresent(s -> n.put("stack", s));
        ArrayNode ports = n.putArray("ports");
        o.ports().forEach(p -> ports.add(p.toString()));
        ArrayNode networks = n.putArray("networks");
        o.networks().forEach(networks::add);
        ObjectNode deps = n.putObject("depends_on");
        new TreeMap<>(o.dependsOn()).forEach((k, v) -> deps.put(k, v.configName()));
        o.type().ifPresent(t -> n.put("type", t.configName()));
        ObjectNode vols = n.putObject("volumes");
        new TreeMap<>(o.volumes()).forEach((k, v) -> vols.putObject(k).put("mount", v.mount())
                .put("exclusive", v.exclusive()).put("mode", v.mode().configName()));
        ObjectNode env = n.putObject("environment");
        new TreeMap<>(o.environment()).forEach(env::put);
        o.binary().ifPresent(b -> {
            ObjectNode bin = n.putObject("binary");
            b.entrypoint().ifPresent(e -> bin.put("entrypoint", e));
            b.args().ifPresent(args -> {
                ArrayNode a = bin.putArray("args");
                args.forEach(a::add);
            });
            b.workingDir().ifPresent(w -> bin.put("working_dir", w));
        });
        return n;
    }

    static ServiceDefinition definition(JsonNode n) {
        String service = text(n, "service").orElseThrow(() -> new IllegalArgumentException("no \"service\""));
        String pkg = text(n, "package").orElseThrow(() -> new IllegalArgumentException("no \"package\""));
        String version = text(n, "package_version").orElse(null);
        Map<String, StackService.DependencyCondition> deps = new LinkedHashMap<>();
        fields(n.path("depends_on")).forEach((k, v) -> deps.put(k,
                ConfigEnum.parse(StackService.DependencyCondition.class, v.asText(), "a dependency condition")));
        Map<String, StackVolume> vols = new LinkedHashMap<>();
        fields(n.path("volumes")).forEach((k, v) -> vols.put(k, new StackVolume(k, text(v, "mount").orElse(null),
                v.path("exclusive").asBoolean(false),
                ConfigEnum.parse(AccessMode.class, text(v, "mode").orElse(null), "rw or ro"))));
        Map<String, String> env = new LinkedHashMap<>();
        fields(n.path("environment")).forEach((k, v) -> env.put(k, v.asText()));
        JsonNode bin = n.path("binary");
        Optional<BinaryOverride> binary = bin.isObject() ? Optional.of(new BinaryOverride(text(bin, "entrypoint"),
                bin.path("args").isArray() ? Optional.of(strings(bin.path("args"))) : Optional.empty(),
                text(bin, "working_dir"))) : Optional.empty();
        StackService o = new StackService(service, PackageRef.parse(pkg + ":" + version),
                strings(n.path("ports")).stream().map(PortMapping::parse).toList(), strings(n.path("networks")), deps,
                text(n, "type").map(t -> ConfigEnum.parse(ServiceSettings.ServiceType.class, t, "a service type")),
                vols, env, binary);
        return new ServiceDefinition(service, pkg, text(n, "stack"), o);
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
