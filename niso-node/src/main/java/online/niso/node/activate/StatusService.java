package online.niso.node.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.HealthCheck;
import online.niso.node.health.ProbeSample;
import online.niso.node.state.InstalledPackage;
import online.niso.node.store.NodePaths;
import online.niso.node.store.PackageStore;
import online.niso.node.systemd.Systemctl;

/** {@code niso status} and {@code niso health}: reads pointers, the unit's state and probes once; changes nothing. */
public final class StatusService {
    private final NodePaths paths;
    private final Clock clock;
    private final Systemctl systemctl;
    private final HealthWaiter waiter;
    private final ActivationService activations;
    private final ServiceProber.Factory probers;
    /** The installed packages, read once per status (one snapshot, one database open instead of one per use). */
    private List<InstalledPackage> installed;

    public StatusService(NodePaths paths, Clock clock, Systemctl systemctl, HealthWaiter waiter,
            ActivationService activations, ServiceProber.Factory probers) {
        this.probers = probers;
        this.paths = paths;
        this.clock = clock;
        this.systemctl = systemctl;
        this.waiter = waiter;
        this.activations = activations;
    }

    /**
     * How much of a service {@code status} looks at. {@code PROBED}: the unit's state and one probe of its health
     * check ({@code niso status}). {@code UNIT_STATE}: the unit's state, no probe: health is "none" without a check,
     * "unhealthy" when the unit is not active, else "unknown" ({@code niso status --cached}). {@code STORED}: neither;
     * the unit's state and that health are {@link StatusCache#placeholder}s, for the status cache to fill in.
     */
    public enum Depth { PROBED, UNIT_STATE, STORED }

    /** Services with a {@code current} version, sorted by name; only {@code name} when given. */
    public List<ServiceStatus> services(Optional<String> name) {
        return services(name, Depth.PROBED);
    }

    public List<ServiceStatus> services(Optional<String> name, Depth depth) {
        TreeSet<String> names = new TreeSet<>();
        if (Files.isDirectory(paths.packagesDir())) {
            try (Stream<Path> list = Files.list(paths.packagesDir())) {
                list.filter(p -> Files.isSymbolicLink(p.resolve(Pointers.CURRENT)))
                        .forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (name.isPresent()) {
            ActivationService.requireName(name.get());
            if (!names.contains(name.get())) {
                throw new InvalidInputException(name.get() + " is not active on this host");
            }
            return List.of(status(name.get(), depth));
        }
        return names.stream().map(n -> status(n, depth)).toList();
    }

    /**
     * {@code niso health NAME --await}: probes until the health check passes (true) or {@code timeout} ends
     * (false), with the health check's own semantics (start period from now, retries, interval). Runs as the
     * unit's readiness ExecStartPost=, so "activating" counts as up. True at once without a health check.
     */
    public boolean awaitHealthy(String name, Optional<java.time.Duration> timeout) {
        ActivationService.requireName(name);
        Release release = new Pointers(paths).currentRelease(name).orElseThrow(() -> new InvalidInputException(
                name + " is not active on this host"));
        VersionRef ref = new VersionRef(release.version(), digestOf(release));
        ActivationPlan plan = new ActivationPlanner(paths).plan(new DefinitionStore(paths).read(name, release), ref);
        if (plan.healthCheck().isEmpty()) {
            return true; // nothing to wait for (a oneshot's unit is active only once its job exited 0)
        }
        Instant now = clock.instant();
        java.time.Duration t = timeout.orElse(HealthWaiter.defaultTimeout(plan.healthCheck()));
        return waiter.awaitReadiness(plan.unitName(), plan.healthCheck().get(), activations.prober(plan), now,
                now.plus(t)).healthy();
    }

    public List<InstalledPackage> packages() {
        if (installed == null) {
            installed = PackageStore.open(paths, clock).list(Optional.empty());
        }
        return installed;
    }

    private ServiceStatus status(String name, Depth depth) {
        return observe(stored(name), depth);
    }

    /**
     * {@code activate --hold}'s repeated check: what {@code status NAME} reports, re-reading only what changes while
     * the service's release stays the same (the unit's state, the probe). The definition, plan, digests and since
     * are read again only when the current release is not the one last seen.
     */
    public java.util.function.Function<String, ServiceStatus> sampler() {
        Map<String, Stored> seen = new java.util.HashMap<>();
        return name -> {
            Optional<Release> now = new Pointers(paths).currentRelease(name);
            if (now.isEmpty()) {
                return services(Optional.of(name)).get(0); // says that it is not active, as status would
            }
            Stored s = seen.get(name);
            if (s == null || !s.release().equals(now.get())) {
                s = stored(name);
                seen.put(name, s);
            }
            return observe(s, Depth.PROBED);
        };
    }

    /** What status reads about a service that only a change of its release changes. */
    private record Stored(String name, String unit, Release release, VersionRef current, Optional<VersionRef> previous,
                          Optional<Instant> since, Optional<ServiceDefinition> definition, Optional<ActivationPlan> plan) {}

    private Stored stored(String name) {
        Pointers pointers = new Pointers(paths);
        Release curRelease = pointers.currentRelease(name).orElseThrow();
        String cur = curRelease.version();
        VersionRef current = new VersionRef(cur, digestOf(curRelease));
        Optional<VersionRef> previous = pointers.previousRelease(name)
                .map(r -> new VersionRef(r.version(), digestOf(r)));
        Optional<Instant> since = HistoryRepository.currentSince(paths, name, cur);
        Optional<ServiceDefinition> def = definition(name, curRelease);
        Optional<ActivationPlan> plan = def.flatMap(d -> plan(d, current));
        return new Stored(name, ActivationService.unitName(name), curRelease, current, previous, since, def, plan);
    }

    private ServiceStatus observe(Stored s, Depth depth) {
        String unit = s.unit();
        // Everything the health sample below needs too: one `systemctl show` per service, not two.
        Map<String, String> state = depth == Depth.STORED
                ? Map.of("ActiveState", StatusCache.placeholder("ActiveState", unit),
                        "SubState", StatusCache.placeholder("SubState", unit))
                : systemctl.show(unit, HealthWaiter.SAMPLE_PROPERTIES);
        String active = state.getOrDefault("ActiveState", "unknown");
        String sub = state.getOrDefault("SubState", "unknown");
        Optional<HealthCheck> check = s.plan().flatMap(ActivationPlan::healthCheck);
        String health;
        String detail = "";
        if (check.isEmpty()) {
            health = "none";
        } else if (depth == Depth.STORED) {
            health = StatusCache.placeholder("health", unit);
        } else if (!active.equals("active")) {
            health = "unhealthy";
            detail = unit + " is " + active + " (" + sub + ")";
        } else if (depth == Depth.UNIT_STATE) {
            health = "unknown";
            detail = "not probed";
        } else {
            ProbeSample sample = waiter.sampleOnce(unit, check, activations.prober(s.plan().get()), state);
            detail = sample.detail();
            boolean inGrace = s.since().isPresent()
                    && Duration.between(s.since().get(), clock.instant()).compareTo(check.get().startPeriod()) < 0;
            health = sample.passed() ? "healthy" : inGrace ? "starting" : "unhealthy";
        }
        return new ServiceStatus(s.name(), unit, s.release().packageName(), s.current(), s.previous(), active, sub,
                health, s.since().map(i -> i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), detail,
                s.definition().map(d -> d.overrides()));
    }

    /** The stored definition of the current release; empty when its file is damaged (status still works). */
    private Optional<ServiceDefinition> definition(String name, Release release) {
        try {
            return Optional.of(new DefinitionStore(paths).read(name, release));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The installed package's digest for a release; empty when it is not installed (any more). */
    private String digestOf(Release release) {
        for (InstalledPackage p : packages()) {
            if (p.name().equals(release.packageName()) && p.version().equals(release.version())) {
                return p.digest();
            }
        }
        return "";
    }

    private Optional<ActivationPlan> plan(ServiceDefinition def, VersionRef current) {
        try {
            return Optional.of(new ActivationPlanner(paths).plan(def, current));
        } catch (RuntimeException e) {
            return Optional.empty(); // status must work even when the package is damaged; activate will say why
        }
    }
}
