package online.niso.node.activate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
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
        return Json.line(Doc.of(d)) + "\n";
    }

    static ServiceDefinition decode(Path file, String text) {
        try {
            return Json.mapper().readValue(text, Doc.class).definition();
        } catch (IOException | RuntimeException e) {
            // Written atomically, so a parse error means someone edited it: refuse to guess.
            throw new UnexpectedStateException(file + " is not a niso service definition (" + e.getMessage()
                    + "); inspect and fix or delete it");
        }
    }

    /** The file format: plain JSON types, config spellings (ports "8080:80/tcp", modes "rw"/"ro"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Doc(@JsonProperty("service") String service, @JsonProperty("package") String pkg,
            @JsonProperty("package_version") String packageVersion, @JsonProperty("stack") String stack,
            @JsonProperty("ports") List<String> ports, @JsonProperty("networks") List<String> networks,
            @JsonProperty("depends_on") Map<String, String> dependsOn, @JsonProperty("type") String type,
            @JsonProperty("volumes") Map<String, VolumeDoc> volumes,
            @JsonProperty("environment") Map<String, String> environment, @JsonProperty("binary") BinaryDoc binary) {

        static Doc of(ServiceDefinition d) {
            StackService o = d.overrides();
            Map<String, String> deps = new TreeMap<>();
            o.dependsOn().forEach((k, v) -> deps.put(k, v.configName()));
            Map<String, VolumeDoc> vols = new TreeMap<>();
            o.volumes().forEach((k, v) -> vols.put(k, new VolumeDoc(v.mount(), v.exclusive(), v.mode().configName())));
            return new Doc(d.service(), d.packageName(), o.pkg().version().text(), d.stack().orElse(null),
                    o.ports().stream().map(PortMapping::toString).toList(), o.networks(), deps,
                    o.type().map(ServiceSettings.ServiceType::configName).orElse(null), vols,
                    new TreeMap<>(o.environment()), o.binary().map(b -> new BinaryDoc(b.entrypoint().orElse(null),
                            b.args().orElse(null), b.workingDir().orElse(null))).orElse(null));
        }

        ServiceDefinition definition() {
            Map<String, StackService.DependencyCondition> deps = new LinkedHashMap<>();
            orEmpty(dependsOn).forEach((k, v) -> deps.put(k,
                    ConfigEnum.parse(StackService.DependencyCondition.class, v, "a dependency condition")));
            Map<String, StackVolume> vols = new LinkedHashMap<>();
            orEmpty(volumes).forEach((k, v) -> vols.put(k, new StackVolume(k, v.mount(), v.exclusive(),
                    ConfigEnum.parse(AccessMode.class, v.mode(), "rw or ro"))));
            StackService o = new StackService(service, PackageRef.parse(pkg + ":" + packageVersion),
                    (ports == null ? List.<String>of() : ports).stream().map(PortMapping::parse).toList(),
                    networks == null ? List.of() : networks, deps,
                    Optional.ofNullable(type).map(t -> ConfigEnum.parse(ServiceSettings.ServiceType.class, t,
                            "a service type")),
                    vols, orEmpty(environment), Optional.ofNullable(binary).map(b -> new BinaryOverride(
                            Optional.ofNullable(b.entrypoint()), Optional.ofNullable(b.args()),
                            Optional.ofNullable(b.workingDir()))));
            return new ServiceDefinition(service, pkg, Optional.ofNullable(stack), o);
        }

        private static <V> Map<String, V> orEmpty(Map<String, V> m) {
            return m == null ? Map.of() : m;
        }
    }

    record VolumeDoc(@JsonProperty("mount") String mount, @JsonProperty("exclusive") boolean exclusive,
            @JsonProperty("mode") String mode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BinaryDoc(@JsonProperty("entrypoint") String entrypoint, @JsonProperty("args") List<String> args,
            @JsonProperty("working_dir") String workingDir) {
    }
}
