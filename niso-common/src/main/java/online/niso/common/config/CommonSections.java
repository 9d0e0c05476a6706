package online.niso.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.model.BinaryOverride;
import online.niso.common.model.Names;
import online.niso.common.model.PathRules;
import online.niso.common.model.PortMapping;
import online.niso.common.model.Texts;

/** Pieces shared by manifest.toml and stack.toml. */
final class CommonSections {
    private CommonSections() {
    }

    /**
     * Environment variables of a table: every key except {@code skip} must be an env name with a
     * single-line string value (values are written into unit files / env files).
     */
    static Map<String, String> environmentVariables(TomlReader env, String... skip) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> skipped = List.of(skip);
        for (String key : env.keys()) {
            if (skipped.contains(key)) {
                continue;
            }
            if (!Names.isEnvName(key)) {
                env.error(key, "expected an environment variable name like DATABASE_URL (letters, digits, _), got "
                        + Texts.quote(key));
                env.raw(key);
                continue;
            }
            env.string(key).ifPresent(v -> vars.put(key, v));
        }
        return vars;
    }

    static Optional<BinaryOverride> binaryOverride(TomlReader b) {
        Optional<String> entrypoint = b.string("entrypoint");
        Optional<List<String>> args = b.strings("args");
        Optional<String> workingDir = b.value("working_dir", "an absolute path", PathRules::absolute);
        if (b.has("entrypoint") && entrypoint.isPresent() && entrypoint.get().isBlank()) {
            b.error("entrypoint", "expected a program name or path, got an empty string");
        }
        b.finish();
        return Optional.of(new BinaryOverride(entrypoint, args, workingDir));
    }

    /** A list of port mappings; the same host socket twice within one list is an error. */
    static List<PortMapping> ports(TomlReader r, String key) {
        List<PortMapping> ports = r.list(key, "a port mapping like 8080:8080", PortMapping::parse).orElse(List.of());
        List<PortMapping> seen = new ArrayList<>();
        for (PortMapping p : ports) {
            for (PortMapping s : seen) {
                if (s.clashesWith(p)) {
                    r.error(key, "host port " + p.hostPort() + "/" + p.protocol().configName() + " is published twice ("
                            + s + " and " + p + ")");
                }
            }
            seen.add(p);
        }
        return ports;
    }
}
