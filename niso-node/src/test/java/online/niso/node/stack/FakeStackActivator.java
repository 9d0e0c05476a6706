package online.niso.node.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import online.niso.common.config.ManifestParser;
import online.niso.common.model.Manifest;
import online.niso.common.model.PackageRef;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;

/**
 * In-memory services for orchestrator tests: records every call in order, keeps a version and state per
 * service, and fails the services and versions it is told to (a job's exit code, an unhealthy version).
 */
final class FakeStackActivator implements StackActivator {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Manifest> manifests = new HashMap<>();
    final Map<String, Live> live = new ConcurrentHashMap<>();
    /** service → exit code its job ends with (oneshots). */
    final Map<String, Integer> jobExit = new HashMap<>();
    /** "service:version" that never become healthy: activation rolls back. */
    final Set<String> unhealthy = new HashSet<>();
    final Set<String> volumes = Collections.synchronizedSet(new HashSet<>());
    /** Probes that fail before one passes, per service (for wait). */
    final Map<String, Integer> failingProbes = new HashMap<>();
    final Instant now;
    /** Called inside activate (tests use it to observe parallelism). */
    volatile Runnable during = () -> { };

    FakeStackActivator(Instant now) {
        this.now = now;
    }

    void install(String name, String version, String extra) {
        manifests.put(name + ":" + version, ManifestParser.parse("manifest.toml", """
                [package]
                name = "%s"
                version = "%s"

                [binary]
                entrypoint = "app"
                %s
                """.formatted(name, version, extra)));
    }

    static final String CHECK = """
            [healthcheck]
            http = "http://127.0.0.1:8080/health"
            """;

    static final String ONESHOT = """
            [service]
            type = "oneshot"
            restart = "no"
            """;

    /** Services whose unit activation would refuse to render, with the reason. */
    final Map<String, String> refuse = new HashMap<>();

    @Override
    public void check(StackFile file, StackService service) {
        if (refuse.containsKey(service.name())) {
            throw new online.niso.common.error.InvalidInputException(refuse.get(service.name()));
        }
    }

    @Override
    public Optional<Manifest> manifest(PackageRef ref) {
        return Optional.ofNullable(manifests.get(ref.toString()));
    }

    @Override
    public Step activate(StackFile file, StackService s, String version, DependencyCondition readyWhen,
            Optional<Duration> timeout) {
        calls.add("activate " + s.name() + " " + version + " " + readyWhen.configName());
        during.run();
        Duration took = Duration.ofMillis(1500);
        boolean oneshot = readyWhen == DependencyCondition.COMPLETED;
        if (oneshot) {
            int code = jobExit.getOrDefault(s.name(), 0);
            if (code != 0) {
                // as activation does: a failed job is not undone, its unit stays current and failed
                live.put(s.name(), new Live(s.name(), true, version, "failed", "failed", true, OptionalInt.of(code),
                        "exit " + code, Optional.of(now)));
                return new Step(s.name(), false, "failed", took, OptionalInt.of(code),
                        "systemctl restart niso-" + s.name() + ".service failed",
                        "niso-" + s.name() + ".service: Main process exited, code=exited, status=" + code + "/NOTIMPLEMENTED\n"
                                + "migration failed: table exists");
            }
            live.put(s.name(), new Live(s.name(), true, version, "inactive", "dead", true, OptionalInt.of(0),
                    "exit 0", Optional.of(now)));
            return new Step(s.name(), true, "completed", took, OptionalInt.of(0), "", "");
        }
        if (unhealthy.contains(s.name() + ":" + version)) {
            boolean had = live.containsKey(s.name());
            return new Step(s.name(), false, had ? "rolled_back" : "failed", took, OptionalInt.empty(),
                    "health check failed 3 times", "GET /health → 500");
        }
        live.put(s.name(), new Live(s.name(), true, version, "active", "running", false, OptionalInt.empty(),
                readyWhen == DependencyCondition.HEALTHY ? "healthy" : "running", Optional.of(now)));
        return Step.ok(s.name(), readyWhen == DependencyCondition.HEALTHY ? "healthy" : "started", took);
    }

    @Override
    public Step restart(String service, DependencyCondition readyWhen, Optional<Duration> timeout) {
        calls.add("restart " + service);
        return Step.ok(service, readyWhen == DependencyCondition.HEALTHY ? "healthy" : "started", Duration.ofSeconds(1));
    }

    @Override
    public void deactivate(String service) {
        calls.add("deactivate " + service);
        live.remove(service);
    }

    @Override
    public void removeVolumes(String service) {
        calls.add("remove-volumes " + service);
        volumes.remove(service);
    }

    @Override
    public void removeStackVolumes(String stack) {
        calls.add("remove-stack-volumes " + stack);
    }

    @Override
    public Live live(String service) {
        return live.getOrDefault(service, Live.absent(service));
    }

    @Override
    public boolean probeOnce(String service) {
        int left = failingProbes.getOrDefault(service, 0);
        if (left > 0) {
            failingProbes.put(service, left - 1);
            return false;
        }
        return live(service).present();
    }

    @Override
    public List<String> journalArgv(List<String> services, int lines, boolean follow) {
        return JournalLines.argv(services.stream().map(s -> "niso-" + s + ".service").toList(), lines, follow);
    }
}
