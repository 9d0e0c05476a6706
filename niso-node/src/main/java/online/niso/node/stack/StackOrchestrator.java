package online.niso.node.stack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import online.niso.common.config.StackValidator;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Manifest;
import online.niso.common.model.PackageRef;
import online.niso.common.model.ServiceSettings.ServiceType;
import online.niso.common.model.StackNetwork;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.model.Version;
import online.niso.common.stack.ObservedService;
import online.niso.common.stack.ServiceChange;
import online.niso.common.stack.ServiceChange.Action;
import online.niso.common.stack.ServiceConfigDigest;
import online.niso.common.stack.ServiceFacts;
import online.niso.common.stack.StackPlan;
import online.niso.common.stack.StackPlanner;
import online.niso.node.activate.Sleeper;
import online.niso.node.lock.HostLock;
import online.niso.node.stack.StackActivator.Step;
import online.niso.node.stack.StackReports.StepDoc;
import online.niso.node.stack.StackReports.UpReport;

/**
 * The thin shell behind {@code niso stack …}: validates, asks {@link StackPlanner} what to do, and does it
 * through {@link StackActivator} and {@link StackNetworks}, level by level, recording every service that changed.
 * The services of one level are activated in parallel on the injected executor (a direct executor in tests).
 */
public final class StackOrchestrator {
    private final StackActivator activator;
    private final StackNetworks networks;
    private final StackRecords records;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Executor executor;

    public StackOrchestrator(StackActivator activator, StackNetworks networks, StackRecords records, Clock clock,
            Sleeper sleeper, Executor executor) {
        this.activator = activator;
        this.networks = networks;
        this.records = records;
        this.clock = clock;
        this.sleeper = sleeper;
        this.executor = executor;
    }

    /** File rules (already checked by the parser) plus the ones that need the installed packages; throws all. */
    public Map<String, Manifest> validate(StackFile file) {
        Map<String, Manifest> manifests = new LinkedHashMap<>();
        StackValidator.validatePackages(file.stack(), file.fileName(), ref -> {
            Optional<Manifest> m = activator.manifest(ref);
            return m;
        });
        List<String> refused = new ArrayList<>();
        for (StackService s : file.stack().services()) {
            manifests.put(s.name(), activator.manifest(s.pkg()).orElseThrow());
            try {
                activator.check(file, s);
            } catch (InvalidInputException e) {
                refused.add(file.fileName() + ": service " + s.name() + ": " + e.getMessage());
            }
        }
        if (!refused.isEmpty()) {
            // every service's problem at once, before anything on the host changes
            throw new InvalidInputException(String.join("\n", refused));
        }
        return manifests;
    }

    /** What {@code up} would do now (also {@code stack diff}). */
    public StackPlan plan(StackFile file) {
        Map<String, Manifest> manifests = validate(file);
        return plan(file, manifests, records.load(file.stack().name()));
    }

    private StackPlan plan(StackFile file, Map<String, Manifest> manifests, Optional<StackRecord> record) {
        Map<String, ObservedService> observed = new LinkedHashMap<>();
        for (StackRecord.Service s : record.map(StackRecord::services).orElse(List.of())) {
            StackActivator.Live live = activator.state(s.service());
            if (live.present()) {
                observed.put(s.service(), s.observed(live));
            }
        }
        Map<String, ServiceFacts> facts = new LinkedHashMap<>();
        manifests.forEach((name, m) -> facts.put(name, facts(file.stack().service(name).orElseThrow(), m)));
        return StackPlanner.plan(file.stack(), observed, facts);
    }

    static ServiceFacts facts(StackService s, Manifest m) {
        boolean oneshot = s.type().orElse(m.service().type()) == ServiceType.ONESHOT;
        return new ServiceFacts(oneshot, !oneshot && m.healthcheck().isPresent());
    }

    /** {@code stack up}: progress lines go to {@code progress} as they happen (each level once it is done). */
    public UpReport up(StackFile file, Optional<Duration> timeout, Consumer<String> progress) {
        String name = file.stack().name();
        try (HostLock lock = records.lock(name, clock)) {
            Map<String, Manifest> manifests = validate(file);
            StackRecord record = records.load(name).orElse(StackRecord.empty(name));
            List<String> created = new ArrayList<>();
            List<StackRecord.Net> nets = new ArrayList<>();
            for (StackNetwork n : file.stack().networks().values()) {
                if (networks.ensure(n.name(), n.subnet())) {
                    created.add(n.name());
                    progress.accept("network " + n.name() + " created (" + n.subnet() + ")");
                }
                nets.add(new StackRecord.Net(n.name(), n.subnet().toString()));
            }
            record = record.withFile(file.path().toString(), file.digest(), nets);
            records.save(record);
            StackPlan plan = plan(file, manifests, Optional.of(record));
            if (plan.nothingToDo()) {
                progress.accept("stack " + name + ": nothing to do (" + plan.all().size() + " services unchanged)");
                return new UpReport(name, true, true, created, List.of(), List.of(), List.of());
            }
            List<String> removed = new ArrayList<>();
            for (ServiceChange r : plan.removals()) {
                activator.deactivate(r.service());
                record = record.without(r.service());
                records.save(record);
                removed.add(r.service());
                progress.accept(r.service() + " removed (not in the stack file any more)");
            }
            List<StepDoc> steps = new ArrayList<>();
            for (int l = 0; l < plan.levels().size(); l++) {
                List<ServiceChange> level = plan.levels().get(l);
                Map<ServiceChange, CompletableFuture<Step>> running = new LinkedHashMap<>();
                for (ServiceChange c : level) {
                    if (c.action() == Action.UNCHANGED) {
                        continue;
                    }
                    StackService s = file.stack().service(c.service()).orElseThrow();
                    running.put(c, CompletableFuture.supplyAsync(() -> activate(file, s, c, timeout), executor));
                }
                boolean failed = false;
                for (var e : running.entrySet()) {
                    ServiceChange c = e.getKey();
                    Step step = e.getValue().join();
                    StepDoc doc = doc(step, c.action() == Action.UPGRADE ? "upgrade" : "create",
                            c.toVersion().orElse(""));
                    steps.add(doc);
                    progress.accept(StackReports.line(doc, c.readyWhen().orElseThrow()));
                    StackService s = file.stack().service(c.service()).orElseThrow();
                    String version = s.pkg().version().toString();
                    if (step.ok() || failedButCurrent(s.name(), version)) {
                        // a failed job stays current (its effects cannot be undone): recorded, so that the next
                        // up re-runs it and down removes it
                        record = record.with(recorded(s, version, manifests.get(s.name())));
                        records.save(record);
                    }
                    if (!step.ok()) {
                        failed = true;
                        if (!step.journalTail().isBlank()) {
                            progress.accept("  journal of " + c.service() + " (last lines):");
                            step.journalTail().lines().forEach(x -> progress.accept("    " + x));
                        }
                    }
                }
                if (failed) {
                    List<String> notStarted = new ArrayList<>();
                    for (List<ServiceChange> later : plan.levels().subList(l + 1, plan.levels().size())) {
                        later.stream().filter(ServiceChange::changes).forEach(c -> notStarted.add(c.service()));
                    }
                    if (!notStarted.isEmpty()) {
                        progress.accept("not started: " + String.join(", ", notStarted));
                    }
                    return new UpReport(name, false, false, created, removed, steps, notStarted);
                }
            }
            return new UpReport(name, true, false, created, removed, steps, List.of());
        }
    }

    /** After a failed activation: does the host now run (or hold, failed) the version that was asked for? */
    private boolean failedButCurrent(String service, String version) {
        StackActivator.Live l = activator.state(service);
        return l.present() && l.version().equals(version);
    }

    private Step activate(StackFile file, StackService s, ServiceChange c, Optional<Duration> timeout) {
        try {
            return activator.activate(file, s, s.pkg().version().toString(), c.readyWhen().orElseThrow(), timeout);
        } catch (RuntimeException e) {
            // One service's error must not leave its level half-joined: report it like a failed start.
            return new Step(s.name(), false, "failed", Duration.ZERO, java.util.OptionalInt.empty(),
                    e.getMessage() == null ? e.toString() : e.getMessage(), "");
        }
    }

    static StepDoc doc(Step s, String action, String version) {
        return new StepDoc(s.service(), action, s.state(), version, s.took().toMillis(),
                s.exitCode().isPresent() ? s.exitCode().getAsInt() : null, s.reason(), s.journalTail());
    }

    static StackRecord.Service recorded(StackService s, String version, Manifest m) {
        ServiceFacts f = facts(s, m);
        return new StackRecord.Service(s.name(), s.pkg().name(), version, ServiceConfigDigest.of(s),
                StackPlanner.ports(s), List.copyOf(s.environment().keySet()), List.copyOf(s.dependsOn().keySet()),
                f.oneshot(), f.healthCheck());
    }

    /** {@code stack upgrade SVC VERSION}: health-gated; a failure rolls that service back (exit 1). */
    public StepDoc upgrade(StackFile file, String service, String version, Optional<Duration> timeout,
            Consumer<String> progress) {
        String name = file.stack().name();
        StackService s = file.stack().service(service).orElseThrow(() -> new InvalidInputException(
                "stack " + name + " has no service " + service + " (services: " + String.join(", ",
                        file.stack().services().stream().map(StackService::name).toList()) + ")"));
        StackService target = new StackService(s.name(), new PackageRef(s.pkg().name(), Version.parse(version)),
                s.ports(), s.networks(), s.dependsOn(), s.type(), s.volumes(), s.environment(), s.binary());
        Manifest m = activator.manifest(target.pkg()).orElseThrow(() -> new InvalidInputException(
                "package " + target.pkg() + " is not installed (install it first)"));
        try (HostLock lock = records.lock(name, clock)) {
            ServiceFacts f = facts(target, m);
            DependencyCondition ready = f.oneshot() ? DependencyCondition.COMPLETED
                    : f.healthCheck() ? DependencyCondition.HEALTHY : DependencyCondition.STARTED;
            Step step = activator.activate(file, target, version, ready, timeout);
            StepDoc doc = doc(step, "upgrade", version);
            progress.accept(StackReports.line(doc, ready));
            if (step.ok()) {
                StackRecord record = records.load(name).orElse(StackRecord.empty(name)
                        .withFile(file.path().toString(), file.digest(), List.of()));
                records.save(record.with(recorded(target, version, m)));
            } else if (!step.journalTail().isBlank()) {
                progress.accept("  journal of " + service + " (last lines):");
                step.journalTail().lines().forEach(x -> progress.accept("    " + x));
            }
            return doc;
        }
    }

    /** {@code stack restart SVC}: restart, then wait as {@code up} would. */
    public StepDoc restart(StackRecord record, String service, Optional<Duration> timeout, Consumer<String> progress) {
        StackRecord.Service s = recordedService(record, service);
        DependencyCondition ready = readyWhen(s);
        Step step = activator.restart(service, ready, timeout);
        StepDoc doc = doc(step, "restart", s.version());
        progress.accept(StackReports.line(doc, ready));
        return doc;
    }

    /** {@code stack wait SVC}: polls once a second until healthy (a job: completed) or the deadline. */
    public Step await(StackRecord record, String service, Duration timeout) {
        StackRecord.Service s = recordedService(record, service);
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        String last = "";
        while (true) {
            StackActivator.Live live = activator.live(service);
            boolean ready;
            if (s.oneshot()) {
                ready = live.status().equals("completed");
                last = service + " is " + live.status();
            } else {
                ready = live.present() && live.activeState().equals("active") && activator.probeOnce(service);
                last = service + " is " + live.activeState() + (s.healthCheck() ? ", health check "
                        + (ready ? "passes" : "fails") : "");
            }
            Instant now = clock.instant();
            if (ready) {
                return Step.ok(service, s.oneshot() ? "completed" : s.healthCheck() ? "healthy" : "started",
                        Duration.between(start, now));
            }
            if (!now.isBefore(deadline)) {
                return new Step(service, false, "timeout", Duration.between(start, now), live.exitCode(),
                        "not ready after " + StackReports.seconds(timeout) + ": " + last, "");
            }
            Instant next = now.plusSeconds(1);
            sleeper.sleepUntil(next.isAfter(deadline) ? deadline : next);
        }
    }

    /** Every recorded service with what runs now, in start order. */
    public List<StackActivator.Live> status(StackRecord record) {
        List<String> order = new ArrayList<>(StackPlanner.stopOrder(
                record.services().stream().map(s -> s.observed(StackActivator.Live.absent(s.service()))).toList()));
        java.util.Collections.reverse(order);
        return order.stream().map(activator::live).toList();
    }

    /** {@code stack down}: dependents first, then the stack's networks; volumes only when asked. */
    public StackReports.DownReport down(StackRecord record, boolean volumes, Consumer<String> progress) {
        try (HostLock lock = records.lock(record.name(), clock)) {
            List<String> order = StackPlanner.stopOrder(record.services().stream()
                    .map(s -> s.observed(StackActivator.Live.absent(s.service()))).toList());
            List<String> stopped = new ArrayList<>();
            List<String> volumesRemoved = new ArrayList<>();
            StackRecord left = record;
            for (String service : order) {
                activator.deactivate(service);
                stopped.add(service);
                progress.accept(service + " stopped and removed");
                if (volumes) {
                    activator.removeVolumes(service);
                    volumesRemoved.add(service);
                    progress.accept(service + ": volumes removed");
                }
                left = left.without(service);
                records.save(left);
            }
            if (volumes) {
                activator.removeStackVolumes(record.name());
            }
            List<String> netsRemoved = new ArrayList<>();
            List<String> netsKept = new ArrayList<>();
            for (StackRecord.Net n : record.networks()) {
                if (networks.removeIfUnused(n.name())) {
                    netsRemoved.add(n.name());
                    progress.accept("network " + n.name() + " removed");
                } else {
                    netsKept.add(n.name());
                    progress.accept("network " + n.name() + " kept (still used by other services)");
                }
            }
            if (!volumes) {
                progress.accept("volumes kept (stack down --volumes removes them)");
            }
            records.delete(record.name());
            return new StackReports.DownReport(record.name(), stopped, volumesRemoved, netsRemoved, netsKept);
        }
    }

    static DependencyCondition readyWhen(StackRecord.Service s) {
        return s.oneshot() ? DependencyCondition.COMPLETED
                : s.healthCheck() ? DependencyCondition.HEALTHY : DependencyCondition.STARTED;
    }

    private static StackRecord.Service recordedService(StackRecord record, String service) {
        return record.service(service).orElseThrow(() -> new InvalidInputException("stack " + record.name()
                + " has no service " + service + " on this host (services: " + String.join(", ",
                record.services().stream().map(StackRecord.Service::service).toList()) + ")"));
    }
}
