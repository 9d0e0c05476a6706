package online.niso.node.activate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.json.JsonTrees;
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

    /** One line, keys sorted, nulls left out (the format is fixed: see DefinitionStoreTest). */
    static String encode(ServiceDefinition d) {
        StackService o = d.overrides();
        ObjectNode doc = JsonTree.object();
        o.binary().ifPresent(b -> {
            ObjectNode bin = doc.putObject("binary");
            b.args().ifPresent(args -> JsonTree.putStrings(bin, "args", args));
            b.entrypoint().ifPresent(e -> bin.put("entrypoint", e));
            b.workingDir().ifPresent(w -> bin.put("working_dir", w));
        });
        Map<String, String> deps = new TreeMap<>();
        o.dependsOn().forEach((k, v) -> deps.put(k, v.configName()));
        JsonTree.putStringMembers(doc, "depends_on", deps);
        JsonTree.putStringMembers(doc, "environment", new TreeMap<>(o.environment()));
        JsonTree.putStrings(doc, "networks", o.networks());
        doc.put("package", d.packageName());
        doc.put("package_version", o.pkg().version().text());
        JsonTree.putStrings(doc, "ports", o.ports().stream().map(PortMapping::toString).toList());
        doc.put("service", d.service());
        d.stack().ifPresent(s -> doc.put("stack", s));
        o.type().ifPresent(t -> doc.put("type", t.configName()));
        ObjectNode vols = doc.putObject("volumes");
        new TreeMap<>(o.volumes()).forEach((k, v) -> vols.putObject(k).put("exclusive", v.exclusive())
                .put("mode", v.mode().configName()).put("mount", v.mount()));
        return JsonTrees.line(doc) + "\n";
    }

    static ServiceDefinition decode(Path file, String text) {
        try {
            JsonNode doc = JsonTree.parseObject(text);
            String service = required(doc, "service");
            String pkg = required(doc, "package");
            Map<String, StackService.DependencyCondition> deps = new LinkedHashMap<>();
            JsonTree.stringMembers(doc, "depends_on").forEach((k, v) -> deps.put(k,
                    ConfigEnum.parse(StackService.DependencyCondition.class, v, "a dependency condition")));
            Map<String, StackVolume> vols = new LinkedHashMap<>();
            JsonTree.objectMembers(doc, "volumes").forEach((k, v) -> vols.put(k, new StackVolume(k,
                    JsonTree.text(v, "mount"), JsonTree.bool(v, "exclusive"),
                    ConfigEnum.parse(AccessMode.class, JsonTree.text(v, "mode"), "rw or ro"))));
            Optional<BinaryOverride> binary = Optional.ofNullable(doc.get("binary")).filter(b -> !b.isNull())
                    .map(b -> new BinaryOverride(Optional.ofNullable(JsonTree.text(b, "entrypoint")),
                            b.has("args") && !b.get("args").isNull() ? Optional.of(JsonTree.strings(b, "args"))
                                    : Optional.empty(),
                            Optional.ofNullable(JsonTree.text(b, "working_dir"))));
            StackService o = new StackService(service,
                    PackageRef.parse(pkg + ":" + JsonTree.text(doc, "package_version")),
                    JsonTree.strings(doc, "ports").stream().map(PortMapping::parse).toList(),
                    JsonTree.strings(doc, "networks"), deps,
                    Optional.ofNullable(JsonTree.text(doc, "type")).map(t -> ConfigEnum.parse(
                            ServiceSettings.ServiceType.class, t, "a service type")),
                    vols, JsonTree.stringMembers(doc, "environment"), binary);
            return new ServiceDefinition(service, pkg, Optional.ofNullable(JsonTree.text(doc, "stack")), o);
        } catch (IOException | RuntimeException e) {
            // Written atomically, so a parse error means someone edited it: refuse to guess.
            throw new UnexpectedStateException(file + " is not a niso service definition (" + e.getMessage()
                    + "); inspect and fix or delete it");
        }
    }

    private static String required(JsonNode doc, String key) {
        String v = JsonTree.text(doc, key);
        if (v == null) {
            throw new IllegalArgumentException(key + ": missing");
        }
        return v;
    }
}
