package online.niso.common.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.error.ConfigException;
import online.niso.common.model.BinarySpec;
import online.niso.common.model.ConfigEnum;
import online.niso.common.model.CopySpec;
import online.niso.common.model.Durations;
import online.niso.common.model.EnvironmentSpec;
import online.niso.common.model.Hooks;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.Isolation;
import online.niso.common.model.Manifest;
import online.niso.common.model.Names;
import online.niso.common.model.NetworkSpec;
import online.niso.common.model.PackageInfo;
import online.niso.common.model.PackageRef;
import online.niso.common.model.PathRules;
import online.niso.common.model.RuntimeSpec;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.Texts;
import online.niso.common.model.Version;

/** manifest.toml → {@link Manifest}, reporting every problem at once. */
public final class ManifestParser {
    static final String DURATION = "a duration like 30s";

    private ManifestParser() {
    }

    public static Manifest parse(String fileName, String text) throws ConfigException {
        try (online.niso.common.trace.Trace.Span span = online.niso.common.trace.Trace.span("manifest: parse " + fileName)) {
            return parseTraced(fileName, text);
        }
    }

    private static Manifest parseTraced(String fileName, String text) {
        TomlReader root = TomlReader.parse(fileName, text);
        Optional<PackageInfo> pkg = root.table("package").flatMap(ManifestParser::packageInfo);
        if (!root.has("package")) {
            root.missingTable("package");
        }
        Optional<BinarySpec> binary = root.table("binary").flatMap(ManifestParser::binary);
        if (!root.has("binary")) {
            root.missingTable("binary");
        }
        RuntimeSpec runtime = root.table("runtime").map(ManifestParser::runtime).orElse(RuntimeSpec.DEFAULT);
        EnvironmentSpec env = root.table("environment").map(ManifestParser::environment).orElse(EnvironmentSpec.EMPTY);
        ServiceSettings service = root.table("service").map(ManifestParser::service).orElse(ServiceSettings.DEFAULT);
        var health = root.table("healthcheck").flatMap(NetworkSections::healthCheck);
        var network = root.table("network").map(NetworkSections::network).orElse(NetworkSpec.DEFAULT);
        var isolation = root.table("isolation").map(IsolationSections::isolation)
                .orElse(Isolation.DEFAULT);
        var volumes = root.table("volumes").map(VolumeSections::manifestVolumes).orElse(Map.of());
        Map<String, String> labels = root.table("labels").map(ManifestParser::labels).orElse(Map.of());
        Hooks hooks = root.table("hooks").map(ManifestParser::hooks).orElse(Hooks.NONE);
        CopySpec copy = root.table("copy").map(ManifestParser::copy).orElse(CopySpec.NONE);
        Map<String, String> secrets = root.table("secrets").map(ManifestParser::secrets).orElse(Map.of());
        root.finish();
        root.throwIfErrors();
        return new Manifest(pkg.orElseThrow(), binary.orElseThrow(), runtime, env, service, health, network,
                isolation, volumes, labels, hooks, copy, secrets);
    }

    private static Optional<PackageInfo> packageInfo(TomlReader p) {
        Optional<String> name = p.requiredValue("name", "a name like my-api", Names::name);
        Optional<Version> version = p.requiredValue("version", "a version like 1.0.0", Version::parse);
        String description = p.string("description").orElse("");
        String license = p.string("license").orElse("");
        List<String> authors = p.strings("authors").orElse(List.of());
        p.finish();
        if (name.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PackageInfo(name.get(), version.get(), description, license, authors));
    }

    private static Optional<BinarySpec> binary(TomlReader b) {
        Optional<String> entrypoint = b.requiredString("entrypoint");
        List<String> args = b.strings("args").orElse(List.of());
        Optional<String> workingDir = b.value("working_dir", "an absolute path", PathRules::absolute);
        b.finish();
        if (entrypoint.isPresent() && entrypoint.get().isBlank()) {
            b.error("entrypoint", "expected a program name or path, got an empty string");
            return Optional.empty();
        }
        return entrypoint.map(e -> new BinarySpec(e, args, workingDir));
    }

    private static RuntimeSpec runtime(TomlReader r) {
        RuntimeSpec d = RuntimeSpec.DEFAULT;
        Optional<PackageRef> use = r.value("use", "a runtime reference like nodejs:20", PackageRef::parse);
        boolean init = r.bool("init").orElse(d.init());
        String signal = r.value("stop_signal", "a signal name like SIGTERM", ManifestParser::signal).orElse(d.stopSignal());
        Duration timeout = r.value("stop_timeout", DURATION, Durations::parse).orElse(d.stopTimeout());
        r.finish();
        return new RuntimeSpec(use, init, signal, timeout);
    }

    private static String signal(String s) {
        String sig = s.startsWith("SIG") ? s : "SIG" + s;
        if (!RuntimeSpec.SIGNALS.contains(sig)) {
            String hint = Texts.closest(sig, RuntimeSpec.SIGNALS).map(h -> " (did you mean \"" + h + "\"?)").orElse("");
            throw new InvalidValueException("expected a signal name like SIGTERM (one of "
                    + String.join(", ", RuntimeSpec.SIGNALS) + "), got " + Texts.quote(s) + hint);
        }
        return sig;
    }

    private static EnvironmentSpec environment(TomlReader e) {
        e.allowAnyKeys();
        Optional<String> envFile = e.value("env_file", "an absolute path like /etc/niso/my-api/.env", PathRules::absolute);
        return new EnvironmentSpec(CommonSections.environmentVariables(e, "env_file"), envFile);
    }

    private static ServiceSettings service(TomlReader s) {
        ServiceSettings d = ServiceSettings.DEFAULT;
        var type = s.value("type", "simple, oneshot or notify",
                t -> ConfigEnum.parse(ServiceSettings.ServiceType.class, t, "a service type")).orElse(d.type());
        Optional<String> user = s.value("user", "a user name", ManifestParser::account);
        Optional<String> group = s.value("group", "a group name", ManifestParser::account);
        var restart = s.value("restart", "a restart policy like on-failure",
                t -> ConfigEnum.parse(ServiceSettings.RestartPolicy.class, t, "a restart policy")).orElse(d.restart());
        Duration delay = s.value("restart_delay", DURATION, Durations::parse).orElse(d.restartDelay());
        List<String> after = s.list("after", "a systemd unit name like niso-postgres.service", ManifestParser::unitName)
                .orElse(List.of());
        s.finish();
        return new ServiceSettings(type, user, group, restart, delay, after);
    }

    private static String account(String s) {
        if (!s.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw InvalidValueException.expected("a user or group name like app", s);
        }
        return s;
    }

    private static String unitName(String s) {
        if (!s.matches("[A-Za-z0-9:_.@\\\\-]{1,250}\\.(service|socket|target|mount|path|timer)")) {
            throw InvalidValueException.expected("a systemd unit name like niso-postgres.service", s);
        }
        return s;
    }

    private static Map<String, String> labels(TomlReader l) {
        l.allowAnyKeys();
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : l.keys()) {
            try {
                Names.labelKey(key);
            } catch (InvalidValueException e) {
                l.error(key, e.getMessage());
                continue;
            }
            l.string(key).ifPresent(v -> out.put(key, v));
        }
        return out;
    }

    private static Hooks hooks(TomlReader h) {
        String expected = "a script path inside the package like scripts/migrate.sh";
        Hooks hooks = new Hooks(h.value("pre_activate", expected, PathRules::insidePackage),
                h.value("post_activate", expected, PathRules::insidePackage),
                h.value("on_unhealthy", expected, PathRules::insidePackage));
        h.finish();
        return hooks;
    }

    private static CopySpec copy(TomlReader c) {
        CopySpec copy = new CopySpec(c.list("include", "a relative path like dist/", ManifestParser::copyPath)
                .orElse(List.of()));
        c.finish();
        return copy;
    }

    /** Keeps a trailing "/" (directory marker, as in the docs' "node_modules/"). */
    private static String copyPath(String s) {
        String p = PathRules.insidePackage(s);
        return s.endsWith("/") ? p + "/" : p;
    }

    private static Map<String, String> secrets(TomlReader s) {
        s.allowAnyKeys();
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : s.keys()) {
            try {
                Names.credential(key);
            } catch (InvalidValueException e) {
                s.error(key, e.getMessage());
                continue;
            }
            s.value(key, "an absolute path to the secret's file on the host", PathRules::absolute)
                    .ifPresent(v -> out.put(key, v));
        }
        return out;
    }
}
