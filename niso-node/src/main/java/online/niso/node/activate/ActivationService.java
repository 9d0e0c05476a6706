package online.niso.node.activate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.common.trace.Trace;
import online.niso.common.model.Hooks;
import online.niso.node.health.Prober;
import online.niso.node.lock.HostLock;
import online.niso.node.rootfs.RootfsAssembler;
import online.niso.node.store.NodePaths;
import online.niso.node.systemd.ServiceType;
import online.niso.node.systemd.Systemctl;

/**
 * {@code niso activate / rollback / deactivate}: the host-level primitive a fleet rollout builds on.
 *
 * <p>Order of an activation, chosen so that a kill at any point leaves the old or the new version runnable
 * and the next command able to finish the job: plan (pure) → make the version's release directory (and its
 * rootfs skeleton, unless one with the same content exists) → pre_activate hook → write the repair journal →
 * write the unit (daemon-reload only if it changed: its text names the version only through the service's
 * {@code current} link, so an upgrade or rollback of one definition does not change it) → switch previous,
 * then current, then the service's {@code current} link ({@link ReleaseDirs}) → attach the network
 * (namespace, address, rules, hosts files; see {@link NetworkStep}) → restart → wait for health → success, or
 * restore from the journal → history row → delete the journal.
 */
public final class ActivationService {
    public static final Duration LOCK_WAIT = Duration.ofSeconds(120);
    static final Duration HOOK_TIMEOUT = Duration.ofMinutes(5);
    static final int JOURNAL_LINES = 50;
    /** What a switch reads of its service's unit and of the network boot unit (the same two properties). */
    static final List<String> SWITCH_PROPERTIES = java.util.stream.Stream.concat(
            UnitControl.RESTART_PROPERTIES.stream(), HostNetworking.BOOT_UNIT_PROPERTIES.stream())
            .distinct().sorted().toList();

    private final NodePaths paths;
    private final Clock clock;
    private final Systemctl systemctl;
    private final HealthWaiter waiter;
    private final Sandbox sandbox;
    private final ServiceProber.Factory probers;
    private final String who;
    private final ActivationPlanner planner;
    private final Pointers pointers;
    private final Networking networking;
    private final NetworkStep network;
    private final DefinitionStore definitions;
    private final ServiceReleases releases;
    private final UnitControl units;
    private final Restorer restorer;
    private final ReleaseDirs releaseDirs;

    public ActivationService(NodePaths paths, Clock clock, Systemctl systemctl, HealthWaiter waiter, Sandbox sandbox,
            ServiceProber.Factory probers, String who, Networking networking) {
        this.networking = networking;
        this.probers = probers;
        this.paths = paths;
        this.clock = clock;
        this.systemctl = systemctl;
        this.waiter = waiter;
        this.sandbox = sandbox;
        this.who = who;
        this.planner = new ActivationPlanner(paths);
        this.pointers = new Pointers(paths);
        this.releaseDirs = new ReleaseDirs(paths);
        this.network = new NetworkStep(paths, pointers, releaseDirs, networking);
        this.definitions = new DefinitionStore(paths);
        this.releases = new ServiceReleases(paths, clock, pointers, definitions);
        this.units = new UnitControl(paths, systemctl);
        this.restorer = new Restorer(paths, planner, pointers, releaseDirs, definitions, releases, network, units);
    }

    /** How long to wait for health; {@code wait=false} returns right after the restart. */
    public record Options(boolean waitForHealth, Optional<Duration> timeout) {
        public static final Options NO_WAIT = new Options(false, Optional.empty());
    }

    /** What {@code activate} would apply for the service's stored definition, without touching anything. */
    public ActivationPlan render(String name, Optional<String> version) {
        return render(definition(name), version);
    }

    /**
     * What {@link #activate(ServiceDefinition, Optional, Options)} would apply: the same plan (unit text,
     * rootfs), without touching anything. {@code version} empty: the definition's requested version, else the
     * newest installed version of its package.
     */
    public ActivationPlan render(ServiceDefinition def, Optional<String> version) {
        return planner.plan(def, releases.resolve(def, version));
    }

    /**
     * The service's stored definition: the one its current (else previous) release was activated with, or
     * the default (the package of the service's own name, no overrides) for a service never activated.
     */
    public ServiceDefinition definition(String name) {
        requireName(name);
        return releases.definition(name);
    }

    /** Activates the service with its stored definition ({@link #definition}). */
    public ActivationResult activate(String name, Optional<String> version, Options options) {
        requireName(name);
        Instant started = clock.instant();
        try (HostLock lock = lock(name)) {
            ServiceDefinition def;
            VersionRef target;
            try (Trace.Span span = Trace.span("activate: repair check, definition, resolve")) {
                repair(name);
                def = releases.definition(name);
                target = releases.resolve(def, version);
            }
            return switchTo("activate", def, target, options, started);
        }
    }

    /**
     * Runs service {@code def.service()} as {@code def} says: version {@code version} (else the definition's
     * requested version, else the newest installed) of {@code def.packageName()}, with its overrides. The
     * definition is recorded with the release, so status, rollback and repair use it too.
     */
    public ActivationResult activate(ServiceDefinition def, Optional<String> version, Options options) {
        Instant started = clock.instant();
        try (HostLock lock = lock(def.service())) {
            repair(def.service());
            return switchTo("activate", def, releases.resolve(def, version), options, started);
        }
    }

    /**
     * Creates the networks of {@code stack} that {@code def}'s service joins (its stack {@code networks}, else
     * its package's [network] network) and that do not exist yet, like {@code niso net create}; idempotent.
     * Returns the names it created, sorted.
     */
    public List<String> createStackNetworks(online.niso.common.model.Stack stack, ServiceDefinition def,
            Optional<String> version) {
        ActivationPlan plan = render(def, version);
        List<String> joins = plan.manifest().network().networks(); // the stack's networks are applied already
        return networking.locked(() -> joins.stream().sorted().distinct()
                .filter(n -> stack.networks().containsKey(n))
                .filter(n -> networking.ensureNetwork(n, stack.networks().get(n).subnet())).toList());
    }

    /** Back to the {@code previous} version (which becomes previous of the new current): outcome rolled_back. */
    public ActivationResult rollback(String name, Options options) {
        Instant started = clock.instant();
        try (HostLock lock = lock(name)) {
            repair(name);
            Optional<Release> prev = pointers.previousRelease(name);
            if (prev.isEmpty()) {
                ActivationResult r = new ActivationResult(name, "failed", current(name), Optional.empty(), "unknown",
                        millisSince(started), Optional.of(new ActivationResult.Failure(
                                "no previous version of " + name + " to roll back to", "", "", "")));
                record("rollback", r, started, pointers.current(name));
                return r;
            }
            return switchTo("rollback", definitions.read(name, prev.get()), releases.ref(prev.get()), options,
                    started);
        }
    }

    /**
     * The contract names the outcome of a successful {@code niso rollback} "rolled_back"; a rollback whose
     * target is unhealthy (and was undone) is "failed".
     */
    static String outcomeFor(String action, String outcome) {
        if (!action.equals("rollback")) {
            return outcome;
        }
        return switch (outcome) {
            case "activated", "unchanged" -> "rolled_back";
            case "rolled_back" -> "failed";
            default -> outcome;
        };
    }

    private ActivationResult result(String action, String name, String outcome, Optional<VersionRef> from,
            Optional<VersionRef> to, String health, Instant started, Optional<ActivationResult.Failure> failure) {
        return new ActivationResult(name, outcomeFor(action, outcome), from, to, health, millisSince(started),
                failure);
    }

    public ActivationResult deactivate(String name) {
        Instant started = clock.instant();
        try (HostLock lock = lock(name)) {
            repair(name);
            Optional<VersionRef> from = current(name);
            units.remove(name, false);
            network.detach(name);
            Optional<Release> fromRelease = pointers.currentRelease(name);
            if (fromRelease.isPresent()) {
                pointers.setRelease(name, Pointers.PREVIOUS, fromRelease);
            }
            pointers.set(name, Pointers.CURRENT, Optional.empty());
            releaseDirs.setLive(name, Optional.empty());
            ActivationResult r = new ActivationResult(name, "deactivated", from, Optional.empty(), "none",
                    millisSince(started), Optional.empty());
            record("deactivate", r, started, Optional.empty());
            return r;
        }
    }

    /** Finishes (by restoring) an activation a killed niso left half-done. Takes the service lock itself. */
    public boolean repairNow(String name) {
        try (HostLock lock = lock(name)) {
            return repair(name);
        }
    }

    private ActivationResult switchTo(String action, ServiceDefinition def, VersionRef target, Options options,
            Instant started) {
        String name = def.service();
        Optional<Release> curRelease = pointers.currentRelease(name);
        Optional<String> cur = curRelease.map(Release::version);
        Optional<Release> prev = pointers.previousRelease(name);
        Optional<VersionRef> from = current(name);
        ActivationPlan plan;
        try (Trace.Span span = Trace.span("activate: plan " + name + " " + target.version())) {
            plan = planner.plan(def, target);
        }
        Release toRelease = plan.release();
        String unit = plan.unitName();
        boolean sameVersion = curRelease.equals(Optional.of(toRelease));
        Optional<String> claim = VolumeClaims.conflict(def, releases.activeDefinitions(name));
        if (claim.isPresent()) {
            throw new InvalidInputException("cannot activate " + name + ": " + claim.get());
        }
        boolean oneshot = plan.spec().type() == ServiceType.ONESHOT;
        Duration timeout = options.timeout().orElse(HealthWaiter.defaultTimeout(plan.healthCheck()));

        if (sameVersion && AtomicFiles.read(paths.unitFile(name)).equals(Optional.of(plan.unitText()))
                && releaseDirs.isLive(name, plan.files()) && units.isActive(unit)) {
            // Already what was asked for: a no-op if it is healthy (re-run after a lost connection).
            Optional<String> health = currentHealth(plan, options, timeout);
            if (health.isPresent()) {
                definitions.write(def, toRelease); // e.g. only the stack's name changed: nothing to restart
                ActivationResult r = result(action, name, "unchanged", from, Optional.of(target), health.get(),
                        started, Optional.empty());
                record(action, r, started, cur);
                return r;
            }
        }

        // New, complete directories beside what runs (nothing current changes): the hooks' sandbox needs them.
        ensureRootfs(name, plan);
        releaseDirs.prepare(name, plan.files());
        Hooks hooks = plan.manifest().hooks();
        if (hooks.preActivate().isPresent()) {
            Sandbox.Result hook = sandbox.run(SandboxUnits.forHook(plan.sandboxUnit(), network.namespaceExists(name)), "pre-activate",
                    List.of(inApp(hooks.preActivate().get())), HOOK_TIMEOUT);
            if (!hook.ok()) {
                ActivationResult r = result(action, name, "failed", from, Optional.of(target), "unknown",
                        started, Optional.of(new ActivationResult.Failure("pre_activate hook "
                                + hooks.preActivate().get() + " exited " + hook.exitCode() + "; nothing was changed",
                                "", "", hook.output())));
                record(action, r, started, cur);
                return r;
            }
        }

        PendingActivation pending = PendingActivation.of(action, curRelease, prev, toRelease,
                curRelease.flatMap(r -> definitions.readText(name, r)));
        try (Trace.Span span = Trace.span("activate: journal, definition, unit, links")) {
            pending.write(paths.pendingActivation(name));
            definitions.write(def, toRelease);
            units.write(name, plan.unitText());
            if (!sameVersion) {
                pointers.setRelease(name, Pointers.PREVIOUS, curRelease);
            }
            pointers.setRelease(name, Pointers.CURRENT, Optional.of(toRelease));
            releaseDirs.setLive(name, Optional.of(plan.files().key()));
        }
        // One `systemctl show` for both units the switch asks about: the boot unit (enabled, active?) and the
        // service (failed, enabled?). The attach changes neither; a restart copes with a state gone stale.
        List<Optional<Map<String, String>>> shown = showBoth(unit);
        Optional<String> startError = network.attach(name, plan, shown.get(0));
        Instant restartedAt = clock.instant();
        if (startError.isEmpty()) {
            startError = units.restart(unit, shown.get(1));
        }
        if (oneshot) {
            ActivationResult r = jobResult(action, name, from, target, startError, started, restartedAt);
            finish(action, r, started, name);
            return r;
        }

        if (!options.waitForHealth() && startError.isEmpty()) {
            ActivationResult r = result(action, name, "activated", from, Optional.of(target),
                    plan.healthCheck().isPresent() ? "starting" : "none", started, Optional.empty());
            finish(action, r, started, name);
            return r;
        }
        HealthWaiter.Outcome health = startError.isPresent()
                ? new HealthWaiter.Outcome(false, startError.get(), "")
                : waiter.await(unit, plan.healthCheck(), prober(plan), restartedAt, restartedAt.plus(timeout));
        if (health.healthy()) {
            if (hooks.postActivate().isPresent()) {
                // The new version is healthy and serving: a failing warm-up hook is reported, not rolled back.
                sandbox.run(plan.sandboxUnit(), "post-activate", List.of(inApp(hooks.postActivate().get())), HOOK_TIMEOUT);
            }
            ActivationResult r = result(action, name, "activated", from, Optional.of(target),
                    plan.healthCheck().isPresent() ? "healthy" : "none", started, Optional.empty());
            finish(action, r, started, name);
            return r;
        }

        String probeOutput = health.lastProbe();
        if (hooks.onUnhealthy().isPresent()) {
            Sandbox.Result hook = sandbox.run(plan.sandboxUnit(), "on-unhealthy", List.of(inApp(hooks.onUnhealthy().get())),
                    HOOK_TIMEOUT);
            probeOutput = probeOutput + "\non_unhealthy hook exited " + hook.exitCode() + ": " + hook.output();
        }
        // Only this activation's runs: not the lines the versions before it logged (restartedAt: the injected clock).
        ActivationResult.Failure failure = new ActivationResult.Failure(health.reason(), systemctl.status(unit),
                systemctl.journalTail(unit, JOURNAL_LINES, restartedAt), probeOutput.strip());
        boolean canRestore = !sameVersion;
        if (canRestore) {
            restorer.restore(name, pending);
            if (cur.isPresent()) {
                // Return only once the old version serves again (bounded by the same timeout): the caller's next
                // step, e.g. a fleet rollout halting, should see the host as it will stay.
                Instant restoredAt = clock.instant();
                ActivationPlan old = planner.plan(definitions.read(name, curRelease.get()),
                        releases.ref(curRelease.get()));
                waiter.await(unit, old.healthCheck(), prober(old), restoredAt,
                        restoredAt.plus(timeout));
            }
        }
        String outcome = canRestore && cur.isPresent() ? "rolled_back" : "failed";
        ActivationResult r = result(action, name, outcome, from, Optional.of(target), "unhealthy", started,
                Optional.of(failure));
        finish(action, r, started, name);
        return r;
    }

    /**
     * A oneshot's (re)start returns once the job has run: active (exited) means it exited 0. A failed job is
     * not undone — a job's effects cannot be, and running the old version's job again is no remedy — so the
     * new version stays current (its unit failed, dependents' Requires= fail) and the outcome is "failed" with
     * the exit status and the journal.
     */
    private ActivationResult jobResult(String action, String name, Optional<VersionRef> from, VersionRef target,
            Optional<String> startError, Instant started, Instant restartedAt) {
        String unit = unitName(name);
        Map<String, String> s = systemctl.show(unit, List.of("ActiveState", "Result", "ExecMainStatus"));
        if ("active".equals(s.get("ActiveState"))) {
            return result(action, name, "activated", from, Optional.of(target), "none", started, Optional.empty());
        }
        String reason = startError.filter(e -> e.startsWith("network")).orElseGet(() -> unit + " (oneshot) exited with"
                + " status " + s.getOrDefault("ExecMainStatus", "?") + " (result " + s.getOrDefault("Result", "?") + ")");
        return result(action, name, "failed", from, Optional.of(target), "unhealthy", started,
                Optional.of(new ActivationResult.Failure(reason, systemctl.status(unit),
                        systemctl.journalTail(unit, JOURNAL_LINES, restartedAt), "")));
    }

    /** The boot unit's and {@code unit}'s {@link #SWITCH_PROPERTIES}; empty if the show failed (each step asks again). */
    private List<Optional<Map<String, String>>> showBoth(String unit) {
        try {
            return systemctl.showUnits(List.of(online.niso.node.net.NetworkBootUnit.NAME, unit), SWITCH_PROPERTIES)
                    .stream().map(Optional::of).toList();
        } catch (RuntimeException e) {
            return List.of(Optional.empty(), Optional.empty());
        }
    }

    /** Health of the already-active version, if it is healthy now (empty: not healthy, re-activate). */
    private Optional<String> currentHealth(ActivationPlan plan, Options options, Duration timeout) {
        if (plan.spec().type() == ServiceType.ONESHOT) {
            return Optional.of("none"); // active (exited): the job ran and succeeded; it is not run again
        }
        if (plan.healthCheck().isEmpty()) {
            return waiter.sampleOnce(plan.unitName(), Optional.empty(), prober(plan)).passed() ? Optional.of("none")
                    : Optional.empty();
        }
        if (!options.waitForHealth()) {
            return waiter.sampleOnce(plan.unitName(), plan.healthCheck(), prober(plan)).passed() ? Optional.of("healthy")
                    : Optional.empty();
        }
        Instant now = clock.instant();
        // Already running: no start period; give it the normal deadline to answer.
        HealthWaiter.Outcome o = waiter.await(plan.unitName(), plan.healthCheck(), prober(plan),
                now.minus(plan.healthCheck().get().startPeriod()), now.plus(timeout));
        return o.healthy() ? Optional.of("healthy") : Optional.empty();
    }

    /**
     * The plan's rootfs skeleton, unless it exists: it is shared by every version with the same skeleton (its
     * name is a digest of its content), possibly by the running one, so it is never rebuilt in place (removing
     * a mount point of a running service detaches that mount inside the service).
     */
    private void ensureRootfs(String name, ActivationPlan plan) {
        Path dir = paths.rootfsDir(name, plan.rootfsKey());
        if (!Files.isDirectory(dir)) {
            RootfsAssembler.assemble(plan.rootfs(), dir);
        }
    }

    /** Caller holds the service lock. Returns whether a half-done activation was restored. */
    private boolean repair(String name) {
        AtomicFiles.cleanTemporaries(paths.unitDir(), "niso-" + name + ".service");
        AtomicFiles.cleanTemporaries(paths.serviceDir(name), "activation.pending");
        pointers.cleanTemporaries(name);
        releaseDirs.cleanTemporaries(name);
        RootfsCleanup.removeLeftovers(paths.serviceDir(name).resolve("rootfs"));
        Optional<PendingActivation> pending = PendingActivation.read(paths.pendingActivation(name));
        if (pending.isEmpty()) {
            return false;
        }
        Instant started = clock.instant();
        restorer.restore(name, pending.get());
        Optional<VersionRef> restored = pending.get().fromRelease(name).map(releases::ref);
        ActivationResult r = new ActivationResult(name, "restored",
                Optional.of(releases.ref(pending.get().toRelease(name))),
                restored, "unknown", millisSince(started), Optional.of(new ActivationResult.Failure(
                        "an earlier " + pending.get().action() + " to " + pending.get().to()
                                + " was interrupted; restored the version before it", "", "", "")));
        finish("repair", r, started, name);
        return true;
    }

    /** Probes reach the service at its own address: a loopback host in the check means the service's. */
    Prober prober(ActivationPlan plan) {
        Prober inner = probers.forUnit(plan.sandboxUnit());
        Prober sandboxed = (probe, timeout) -> {
            if (probe instanceof online.niso.node.health.Probe.Exec) {
                // An exec probe runs in the version's own rootfs and release directory (the sandbox unit's
                // paths). A service last activated by a niso before release directories has neither yet, and
                // `niso status`/`health` probe it too: make them (both atomic and idempotent).
                ensureRootfs(plan.service(), plan);
                releaseDirs.prepare(plan.service(), plan.files());
            }
            return inner.probe(probe, timeout);
        };
        return LocalProbes.localized(sandboxed, networking.address(plan.service()));
    }

    private void finish(String action, ActivationResult r, Instant started, String name) {
        record(action, r, started, pointers.current(name));
        AtomicFiles.delete(paths.pendingActivation(name));
    }

    private void record(String action, ActivationResult r, Instant started, Optional<String> currentAfter) {
        try (Trace.Span span = Trace.span("activate: history row")) {
            HistoryRepository.record(paths, new HistoryEntry(r.service(), action, r.from(), r.to(), r.outcome(),
                r.failure().map(ActivationResult.Failure::reason), started, r.durationMs(), who, currentAfter));
        }
    }

    public List<HistoryEntry> history(String name) {
        return HistoryRepository.history(paths, name);
    }

    /** The version asked for, or the newest installed one, of the service's own package. */
    VersionRef resolve(String name, Optional<String> version) {
        return releases.resolve(ServiceDefinition.ofPackage(name), version);
    }

    private Optional<VersionRef> current(String name) {
        return releases.current(name);
    }

    private HostLock lock(String name) {
        requireName(name);
        return HostLock.acquire(paths.serviceLock(name), LOCK_WAIT, clock);
    }

    /** Service names are package names: refused before they become paths or unit names. */
    public static String requireName(String name) {
        if (!online.niso.common.model.Names.isName(name)) {
            throw new InvalidInputException("invalid service name \"" + name.replaceAll("[^\\x20-\\x7e]", "?")
                    + "\" (lowercase letters, digits and single hyphens, starting with a letter)");
        }
        return name;
    }

    /** A package name given on the command line, refused before it becomes a path. */
    public static String requirePackageName(String name) {
        if (!online.niso.common.model.Names.isName(name)) {
            throw new InvalidInputException("invalid package name \"" + name.replaceAll("[^\\x20-\\x7e]", "?")
                    + "\" (lowercase letters, digits and single hyphens, starting with a letter)");
        }
        return name;
    }

    static String unitName(String name) {
        return "niso-" + name + ".service";
    }

    private static String inApp(String hook) {
        return hook.startsWith("/") ? hook : "/app/" + hook;
    }

    private long millisSince(Instant started) {
        return Duration.between(started, clock.instant()).toMillis();
    }
}
