package online.niso.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.json.JsonTrees;
import online.niso.common.model.BinarySpec;
import online.niso.common.model.ConfigEnum;
import online.niso.common.model.CopySpec;
import online.niso.common.model.EnvironmentSpec;
import online.niso.common.model.Hooks;
import online.niso.common.model.Manifest;
import online.niso.common.model.PackageInfo;
import online.niso.common.model.PackageRef;
import online.niso.common.model.RuntimeSpec;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.Version;

/**
 * A parsed {@link Manifest} as a JSON tree and back, losslessly (pure). niso keeps this next to each installed
 * manifest.toml so that activate and status need not parse TOML (tomlj's ANTLR warm-up costs a short-lived run
 * more than everything else it reads). Jackson's tree model, not data binding: binding introspects every
 * record on first use, which is the start-up cost this avoids.
 *
 * <p>Values are stored exactly (sizes in bytes, durations as ISO-8601, addresses as literals) and rebuilt with
 * the model's constructors, not re-parsed from config spellings: a decoded manifest equals the parsed one.
 * Lists keep their order; maps are written sorted (the model keeps them sorted). Optional values that are
 * empty are left out. {@link #decode} throws {@link IllegalArgumentException} (or the model's
 * {@code InvalidValueException}) on anything malformed; callers fall back to the TOML.
 */
public final class ManifestJson {
    private ManifestJson() {}

    public static ObjectNode encode(Manifest m) {
        ObjectNode doc = object();
        ObjectNode pkg = doc.putObject("package");
        pkg.put("name", m.pkg().name());
        pkg.put("version", m.pkg().version().text());
        pkg.put("description", m.pkg().description());
        pkg.put("license", m.pkg().license());
        strings(pkg, "authors", m.pkg().authors());

        ObjectNode bin = doc.putObject("binary");
        bin.put("entrypoint", m.binary().entrypoint());
        strings(bin, "args", m.binary().args());
        m.binary().workingDir().ifPresent(w -> bin.put("working_dir", w));

        ObjectNode rt = doc.putObject("runtime");
        m.runtime().use().ifPresent(u -> rt.put("use", u.name() + ":" + u.version().text()));
        rt.put("init", m.runtime().init());
        rt.put("stop_signal", m.runtime().stopSignal());
        rt.put("stop_timeout", m.runtime().stopTimeout().toString());

        ObjectNode env = doc.putObject("environment");
        stringMap(env, "variables", m.environment().variables());
        m.environment().envFile().ifPresent(f -> env.put("env_file", f));

        ServiceSettings s = m.service();
        ObjectNode svc = doc.putObject("service");
        svc.put("type", s.type().configName());
        s.user().ifPresent(u -> svc.put("user", u));
        s.group().ifPresent(g -> svc.put("group", g));
        svc.put("restart", s.restart().configName());
        svc.put("restart_delay", s.restartDelay().toString());
        strings(svc, "after", s.after());

        m.healthcheck().ifPresent(h -> doc.set("healthcheck", ManifestJsonSections.healthCheck(h)));
        doc.set("network", ManifestJsonSections.network(m.network()));
        doc.set("isolation", ManifestJsonSections.isolation(m.isolation()));
        doc.set("volumes", ManifestJsonSections.volumes(m.volumes()));
        stringMap(doc, "labels", m.labels());
        ObjectNode hooks = doc.putObject("hooks");
        m.hooks().preActivate().ifPresent(h -> hooks.put("pre_activate", h));
        m.hooks().postActivate().ifPresent(h -> hooks.put("post_activate", h));
        m.hooks().onUnhealthy().ifPresent(h -> hooks.put("on_unhealthy", h));
        strings(doc, "copy", m.copy().include());
        stringMap(doc, "secrets", m.secrets());
        return doc;
    }

    public static Manifest decode(JsonNode doc) {
        requireObject(doc, "manifest");
        JsonNode p = member(doc, "package");
        PackageInfo pkg = new PackageInfo(text(p, "name"), Version.parse(text(p, "version")), text(p, "description"),
                text(p, "license"), stringList(p, "authors"));
        JsonNode b = member(doc, "binary");
        BinarySpec binary = new BinarySpec(text(b, "entrypoint"), stringList(b, "args"), optText(b, "working_dir"));
        JsonNode r = member(doc, "runtime");
        RuntimeSpec runtime = new RuntimeSpec(optText(r, "use").map(PackageRef::parse), bool(r, "init"),
                text(r, "stop_signal"), duration(r, "stop_timeout"));
        JsonNode e = member(doc, "environment");
        EnvironmentSpec env = new EnvironmentSpec(stringMap(e, "variables"), optText(e, "env_file"));
        JsonNode s = member(doc, "service");
        ServiceSettings service = new ServiceSettings(
                ConfigEnum.parse(ServiceSettings.ServiceType.class, text(s, "type"), "a service type"),
                optText(s, "user"), optText(s, "group"),
                ConfigEnum.parse(ServiceSettings.RestartPolicy.class, text(s, "restart"), "a restart policy"),
                duration(s, "restart_delay"), stringList(s, "after"));
        var health = doc.has("healthcheck")
                ? Optional.of(ManifestJsonSections.healthCheck(member(doc, "healthcheck"))) : Optional.<online.niso.common.model.HealthCheck>empty();
        JsonNode h = member(doc, "hooks");
        Hooks hooks = new Hooks(optText(h, "pre_activate"), optText(h, "post_activate"), optText(h, "on_unhealthy"));
        return new Manifest(pkg, binary, runtime, env, service, health,
                ManifestJsonSections.network(member(doc, "network")),
                ManifestJsonSections.isolation(member(doc, "isolation")),
                ManifestJsonSections.volumes(member(doc, "volumes")), stringMap(doc, "labels"), hooks,
                new CopySpec(stringList(doc, "copy")), stringMap(doc, "secrets"));
    }

    // ---- tree helpers shared with ManifestJsonSections: strict, every key named in the error ----

    static ObjectNode object() {
        return JsonTrees.object();
    }

    static void strings(ObjectNode obj, String key, List<String> values) {
        ArrayNode a = obj.putArray(key);
        values.forEach(a::add);
    }

    static void stringMap(ObjectNode obj, String key, Map<String, String> values) {
        ObjectNode m = obj.putObject(key);
        values.forEach(m::put);
    }

    static JsonNode member(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        if (n == null) {
            throw new IllegalArgumentException(key + ": missing");
        }
        return n;
    }

    static void requireObject(JsonNode n, String key) {
        if (!n.isObject()) {
            throw JsonTrees.wrongShape(key, "an object", n);
        }
    }

    static String text(JsonNode obj, String key) {
        JsonNode n = member(obj, key);
        if (!n.isTextual()) {
            throw JsonTrees.wrongShape(key, "a string", n);
        }
        return n.textValue();
    }

    static Optional<String> optText(JsonNode obj, String key) {
        return obj.has(key) ? Optional.of(text(obj, key)) : Optional.empty();
    }

    static boolean bool(JsonNode obj, String key) {
        JsonNode n = member(obj, key);
        if (!n.isBoolean()) {
            throw JsonTrees.wrongShape(key, "true or false", n);
        }
        return n.booleanValue();
    }

    static long integer(JsonNode obj, String key) {
        JsonNode n = member(obj, key);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw JsonTrees.wrongShape(key, "an integer", n);
        }
        return n.longValue();
    }

    static int int32(JsonNode obj, String key) {
        long v = integer(obj, key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + ": out of range: " + v);
        }
        return (int) v;
    }

    static Duration duration(JsonNode obj, String key) {
        try {
            return Duration.parse(text(obj, key));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    static List<String> stringList(JsonNode obj, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array(obj, key)) {
            if (!e.isTextual()) {
                throw JsonTrees.wrongShape(key, "an array of strings", e);
            }
            out.add(e.textValue());
        }
        return out;
    }

    static JsonNode array(JsonNode obj, String key) {
        JsonNode n = member(obj, key);
        if (!n.isArray()) {
            throw JsonTrees.wrongShape(key, "an array", n);
        }
        return n;
    }

    /** The members of the object at {@code key}, in file order. */
    static Map<String, JsonNode> members(JsonNode obj, String key) {
        JsonNode n = member(obj, key);
        requireObject(n, key);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue()));
        return out;
    }

    static Map<String, String> stringMap(JsonNode obj, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        members(obj, key).forEach((k, v) -> {
            if (!v.isTextual()) {
                throw JsonTrees.wrongShape(key + "." + k, "a string", v);
            }
            out.put(k, v.textValue());
        });
        return out;
    }
}
