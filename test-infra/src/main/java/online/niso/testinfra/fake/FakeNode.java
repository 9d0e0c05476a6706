package online.niso.testinfra.fake;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.json.Json;

/**
 * One host's `niso` CLI, simulated: keeps services, installed packages and uploads in memory and answers
 * status/activate/rollback/deactivate with contract (schema 1) JSON and exit codes. Failures are
 * scripted per service+version, so a test reads like "host 3 fails health on api 2.0.0".
 */
public final class FakeNode {

    /** An installed package: what a .niso file contains, as far as the fake cares. */
    public record Pkg(String name, String version, String digest) {}

    /** The failure report a scripted unhealthy activation returns (contract "failure" object). */
    public record Failure(String reason, String unitStatus, String journalTail, String probeOutput) {}

    private static final class Svc {
        Pkg current;
        Pkg previous;
        String activeState = "active";
        String health = "healthy";
        String since;
    }

    private final String host;
    private final Clock clock;
    private final Function<Path, Optional<Pkg>> artifacts;
    private final Map<String, Svc> services = new TreeMap<>();
    private final TreeSet<String> packageKeys = new TreeSet<>();
    private final Map<String, Pkg> packages = new HashMap<>();
    /** The host's files and directories as far as the fleet's uploads and shell commands touch them. */
    private final FakeFiles fs = new FakeFiles();
    private final Map<String, Failure> failOnActivate = new HashMap<>();
    private final Map<String, String> unhealthyAfterActivate = new HashMap<>();
    private boolean withoutCachedStatus;
    private final List<Cmd> commands = new ArrayList<>();
    private final java.util.Set<String> garbled = new java.util.HashSet<>();
    private final Map<String, String> stacks = new TreeMap<>();
    /** Like niso's DefinitionStore: the definition each release of a service was activated with, by "svc@pkg@version". */
    private final Map<String, online.niso.common.model.StackService> definitions = new HashMap<>();

    /** {@code artifacts}: what an uploaded local file contains (tests register their artifact files). */
    public FakeNode(String host, Clock clock, Function<Path, Optional<Pkg>> artifacts) {
        this.host = host;
        this.clock = clock;
        this.artifacts = artifacts;
    }

    public String host() {
        return host;
    }

    /** {@code service}'s health check now says {@code health} ("healthy", "unhealthy", "none", …). */
    public synchronized FakeNode health(String service, String health) {
        services.get(service).health = health;
        return this;
    }

    /** This host's niso predates `status --cached`: it exits 2 with a usage error, as picocli would. */
    public synchronized FakeNode withoutCachedStatus() {
        withoutCachedStatus = true;
        return this;
    }

    /** Starts the host with {@code service} already running {@code pkg} (healthy), as if activated earlier. */
    public synchronized FakeNode running(String service, Pkg pkg) {
        return running(service, pkg, plain(service, pkg));
    }

    /** As {@link #running(String, Pkg)}, activated earlier from a stack whose entry for the service is {@code config}. */
    public synchronized FakeNode running(String service, Pkg pkg, online.niso.common.model.StackService config) {
        install(pkg);
        definitions.put(key(service, pkg), config);
        Svc s = services.computeIfAbsent(service, k -> new Svc());
        s.previous = s.current;
        s.current = pkg;
        s.since = clock.instant().toString();
        return this;
    }

    /** Activating {@code service} at {@code version} fails its health check; the host restores the previous release. */
    public synchronized FakeNode failHealthOnActivate(String service, String version, Failure failure) {
        failOnActivate.put(service + "@" + version, failure);
        return this;
    }

    /** Activating succeeds, but the service turns unhealthy right after (seen by the next status). */
    public synchronized FakeNode turnUnhealthyAfterActivate(String service, String version) {
        unhealthyAfterActivate.put(service + "@" + version, "unhealthy");
        return this;
    }

    /** Activating {@code service} at {@code version} switches it but prints garbage (a node speaking no known contract). */
    public synchronized FakeNode garbleActivateOutput(String service, String version) {
        garbled.add(service + "@" + version);
        return this;
    }

    public synchronized void recordUpload(String remotePath, Path local) {
        fs.recordUpload(remotePath, local);
    }

    /** Paths of the small files written on this host (uploads and niso-fleet's scripts), sorted. */
    public synchronized java.util.Set<String> fileNames() {
        return fs.fileNames();
    }

    /** Directories created on this host with mkdir (the fleet lock lives in one). */
    public synchronized java.util.Set<String> directories() {
        return fs.directories();
    }

    /** Every upload's destination, in order, repeats included. */
    public synchronized List<String> uploadLog() {
        return fs.uploadLog();
    }

    public synchronized Map<String, Path> uploads() {
        return fs.uploads();
    }

    /** Every command this host ran, in order, rendered as a shell would receive it. */
    public synchronized List<String> commands() {
        return commands.stream().map(Cmd::render).toList();
    }

    /** The niso commands only (no mkdir etc.), e.g. "activate api 2.0.0". */
    public synchronized List<String> nisoCalls() {
        List<String> out = new ArrayList<>();
        for (Cmd c : commands) {
            List<String> a = c.argv();
            if (a.get(0).endsWith("niso") && a.size() > 1 && !a.get(1).equals("status")) {
                List<String> shown = new ArrayList<>();
                for (int i = 1; i < a.size() && !a.get(i).startsWith("--"); i++) {
                    shown.add(a.get(i));
                }
                out.add(String.join(" ", shown));
            }
        }
        return out;
    }

    /** The uploaded stack file the last `activate --stack` of {@code service} named. */
    public synchronized Optional<String> stackOf(String service) {
        return Optional.ofNullable(stacks.get(service));
    }

    /** The definition (stack entry) stored for the service's current release, as `niso status` reports it. */
    public synchronized Optional<online.niso.common.model.StackService> definitionOf(String service) {
        Svc s = services.get(service);
        return s == null ? Optional.empty() : Optional.ofNullable(definitions.get(key(service, s.current)));
    }

    public synchronized Optional<Pkg> running(String service) {
        return Optional.ofNullable(services.get(service)).map(s -> s.current);
    }

    public synchronized CmdResult handle(Cmd cmd) {
        commands.add(cmd);
        List<String> a = cmd.argv();
        Optional<CmdResult> shell = fs.handle(cmd);
        if (shell.isPresent()) {
            return shell.get();
        }
        if (!a.get(0).endsWith("niso") || a.size() < 2) {
            return new CmdResult(cmd, 127, "", a.get(0) + ": command not found\n");
        }
        return switch (a.get(1)) {
            case "status" -> a.contains("--cached") && withoutCachedStatus
                    ? new CmdResult(cmd, 2, "", "Unknown option: '--cached'\n")
                    : new CmdResult(cmd, 0, status(a.contains("--cached")) + "\n", "");
            case "activate" -> activate(cmd, a);
            case "rollback" -> rollback(cmd, a.get(2));
            case "deactivate" -> deactivate(cmd, a.get(2));
            default -> new CmdResult(cmd, 2, "", "niso: unknown command " + a.get(1) + "\n");
        };
    }

    /**
     * Like niso's activate: service NAME runs package {@code --package}; without it, the package of its stored
     * definition (NAME itself for a new service, niso's default); {@code --from} must hold that package;
     * {@code --stack} must name an uploaded file.
     */
    private CmdResult activate(Cmd cmd, List<String> a) {
        String service = a.get(2);
        String version = a.size() > 3 && !a.get(3).startsWith("--") ? a.get(3) : null;
        int from = a.indexOf("--from");
        int pkgAt = a.indexOf("--package");
        int stack = a.indexOf("--stack");
        Svc s = services.get(service);
        String pkgName = pkgAt >= 0 ? a.get(pkgAt + 1) : s != null ? s.current.name() : service;
        if (stack >= 0 && !fs.uploads().containsKey(a.get(stack + 1))) {
            return new CmdResult(cmd, 2, "", "niso: --stack " + a.get(stack + 1) + ": no such file\n");
        }
        Pkg target;
        if (from >= 0) {
            Path local = fs.uploads().get(a.get(from + 1));
            Optional<Pkg> p = local == null ? Optional.empty() : artifacts.apply(local);
            if (p.isEmpty()) {
                return new CmdResult(cmd, 2, "", "niso: " + a.get(from + 1) + ": no such package file\n");
            }
            if (!p.get().name().equals(pkgName)) {
                return new CmdResult(cmd, 2, "", "niso: --from " + a.get(from + 1) + " holds package " + p.get().name()
                        + ", not " + pkgName + "\n");
            }
            install(p.get());
            target = p.get();
        } else {
            target = packages.values().stream()
                    .filter(p -> p.name().equals(pkgName) && (version == null || p.version().equals(version)))
                    .findFirst().orElse(null);
            if (target == null) {
                return new CmdResult(cmd, 2, "", "niso: " + pkgName + " " + version + " is not installed\n");
            }
        }
        if (stack >= 0) {
            stacks.put(service, a.get(stack + 1));
        }
        // niso's choice of definition: the stack's entry; else the stored one of the current release (same package).
        online.niso.common.model.StackService def = stack >= 0 ? stackEntry(a.get(stack + 1), service, target)
                : s != null && s.current.name().equals(target.name()) ? definitions.getOrDefault(key(service, s.current),
                        plain(service, target)) : plain(service, target);
        Pkg before = s == null ? null : s.current;
        boolean sameDefinition = s != null && def.equals(definitions.get(key(service, s.current)));
        definitions.put(key(service, target), def);
        if (s != null && target.equals(s.current) && s.health.equals("healthy") && sameDefinition) {
            return new CmdResult(cmd, 0, activation(service, "unchanged", before, target, "healthy", null) + "\n", "");
        }
        Failure f = failOnActivate.get(service + "@" + target.version());
        if (f != null) {
            return new CmdResult(cmd, 1, activation(service, before == null ? "failed" : "rolled_back", before, target,
                    "unhealthy", f) + "\n", "");
        }
        if (s == null) {
            s = new Svc();
            services.put(service, s);
        }
        if (!target.equals(s.current)) {
            s.previous = s.current;
            s.current = target;
        }
        s.activeState = "active";
        s.health = unhealthyAfterActivate.containsKey(service + "@" + target.version()) ? "unhealthy" : "healthy";
        s.since = clock.instant().toString();
        if (a.contains("--hold") && s.health.equals("unhealthy")) {
            // --hold: the host keeps checking after the healthy activation and reports the lapse (no rollback).
            return new CmdResult(cmd, 1, activation(service, "activated", before, target, "unhealthy",
                    new Failure("not healthy for the hold after activation: health unhealthy",
                            "● niso-" + service + ".service", "journal of niso-" + service, "GET /health: 503")) + "\n", "");
        }
        if (garbled.contains(service + "@" + target.version())) {
            return new CmdResult(cmd, 0, "Activated api. Have a nice day!\n", "");
        }
        return new CmdResult(cmd, 0, activation(service, "activated", before, target, "healthy", null) + "\n", "");
    }

    private CmdResult rollback(Cmd cmd, String service) {
        Svc s = services.get(service);
        if (s == null || s.previous == null) {
            return new CmdResult(cmd, 1, activation(service, "failed", s == null ? null : s.current, null, "unknown",
                    new Failure("no previous release to roll back to", "", "", "")) + "\n", "");
        }
        Pkg before = s.current;
        s.current = s.previous;
        s.previous = before;
        s.health = "healthy";
        s.since = clock.instant().toString();
        return new CmdResult(cmd, 0, activation(service, "rolled_back", before, s.current, "healthy", null) + "\n", "");
    }

    private CmdResult deactivate(Cmd cmd, String service) {
        services.remove(service);
        return new CmdResult(cmd, 0, Json.line(Map.of("schema", 1, "service", service, "outcome", "deactivated")) + "\n", "");
    }

    private static String key(String service, Pkg p) {
        return service + "@" + p.name() + "@" + p.version();
    }

    /** The stack entry a service is given when it was deployed from a stack that only names its package. */
    private static online.niso.common.model.StackService plain(String service, Pkg p) {
        return new online.niso.common.model.StackService(service, online.niso.common.model.PackageRef.parse(p.name()
                + ":" + p.version()), List.of(), List.of(), Map.of(), Optional.empty(), Map.of(), Map.of(),
                Optional.empty());
    }

    /** [[service]] {@code service} of an uploaded stack file (the plain entry if the fake did not keep its text). */
    private online.niso.common.model.StackService stackEntry(String path, String service, Pkg target) {
        byte[] text = fs.content(path);
        if (text == null) {
            return plain(service, target);
        }
        try {
            return online.niso.common.config.StackParser.parse(Path.of(path).getFileName().toString(),
                    new String(text, java.nio.charset.StandardCharsets.UTF_8)).service(service)
                    .orElseGet(() -> plain(service, target));
        } catch (RuntimeException e) {
            return plain(service, target); // lenient: tests upload placeholder stack files
        }
    }

    private void install(Pkg p) {
        String key = p.name() + "\0" + p.version() + "\0" + p.digest();
        packageKeys.add(key);
        packages.put(key, p);
    }

    /**
     * {@code unprobed}: `niso status --json --cached`, which probes nothing: a checked service (every fake one with
     * health other than "none") is "unknown" while active, "unhealthy" when not.
     */
    private String status(boolean unprobed) {
        List<Object> svcs = new ArrayList<>();
        for (Map.Entry<String, Svc> e : services.entrySet()) {
            Svc s = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.getKey());
            m.put("unit", "niso-" + e.getKey() + ".service");
            m.put("package", s.current.name());
            m.put("version", s.current.version());
            m.put("digest", s.current.digest());
            m.put("previous", s.previous == null ? null : release(s.previous));
            m.put("active_state", s.activeState);
            m.put("sub_state", s.activeState.equals("active") ? "running" : "dead");
            m.put("health", !unprobed || s.health.equals("none") ? s.health
                    : s.activeState.equals("active") ? "unknown" : "unhealthy");
            m.put("since", s.since);
            online.niso.common.model.StackService def = definitions.getOrDefault(key(e.getKey(), s.current),
                    plain(e.getKey(), s.current));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("digest", online.niso.common.stack.ServiceConfigDigest.of(def));
            d.put("environment_keys", List.copyOf(def.environment().keySet()));
            d.put("fields", online.niso.common.stack.ServiceConfigDigest.fields(def));
            m.put("definition", d);
            svcs.add(m);
        }
        List<Object> pkgs = new ArrayList<>();
        for (String k : packageKeys) {
            Pkg p = packages.get(k);
            pkgs.add(Map.of("name", p.name(), "version", p.version(), "digest", p.digest()));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", 1);
        doc.put("host", host);
        doc.put("niso_version", "0.1.0-SNAPSHOT");
        doc.put("services", svcs);
        doc.put("packages", pkgs);
        return Json.line(doc);
    }

    private static String activation(String service, String outcome, Pkg from, Pkg to, String health, Failure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", 1);
        m.put("service", service);
        m.put("outcome", outcome);
        m.put("from", from == null ? null : release(from));
        m.put("to", to == null ? null : release(to));
        m.put("health", health);
        m.put("duration_ms", 0);
        if (f == null) {
            m.put("failure", null);
        } else {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("reason", f.reason());
            fm.put("unit_status", f.unitStatus());
            fm.put("journal_tail", f.journalTail());
            fm.put("probe_output", f.probeOutput());
            m.put("failure", fm);
        }
        return Json.line(m);
    }

    private static Map<String, Object> release(Pkg p) {
        return Map.of("version", p.version(), "digest", p.digest());
    }
}
