package online.niso.node.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Manifest;
import online.niso.common.model.PackageRef;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;
import online.niso.common.pkg.PackageExtractor;
import online.niso.node.activate.ActivationResult;
import online.niso.node.activate.ActivationService;
import online.niso.node.activate.Pointers;
import online.niso.node.activate.ServiceDefinition;
import online.niso.node.activate.ServiceStatus;
import online.niso.node.activate.Sleeper;
import online.niso.node.activate.StatusService;
import online.niso.node.store.InstalledManifests;
import online.niso.node.store.NodePaths;
import online.niso.node.systemd.Systemctl;

/**
 * {@link StackActivator} over this host's {@link ActivationService}: the unit of a stack service is
 * {@code niso-<service>.service}, activated with {@code activate --wait} semantics for {@code healthy}, without
 * waiting (then until the unit is active) for {@code started}, and as a job whose exit status is read back for
 * {@code completed}.
 */
public final class ActivationStackActivator implements StackActivator {
    private static final Pattern EXIT_STATUS = Pattern.compile("status=(\\d+)/");
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private final NodePaths paths;
    private final ActivationService activations;
    private final StatusService status;
    private final Systemctl systemctl;
    private final Clock clock;
    private final Sleeper sleeper;

    public ActivationStackActivator(NodePaths paths, ActivationService activations, StatusService status,
            Systemctl systemctl, Clock clock, Sleeper sleeper) {
        this.paths = paths;
        this.activations = activations;
        this.status = status;
        this.systemctl = systemctl;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Optional<Manifest> manifest(PackageRef ref) {
        Path file = paths.packageVersionDir(ref.name(), ref.version().toString()).resolve("manifest.toml");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(InstalledManifests.read(paths, ref.name(), ref.version().toString()));
    }

    @Override
    public void check(StackFile file, StackService service) {
        activations.render(definition(file, service), Optional.of(service.pkg().version().text()));
    }

    private static ServiceDefinition definition(StackFile file, StackService service) {
        return new ServiceDefinition(service.name(), service.pkg().name(), Optional.of(file.stack().name()), service);
    }

    @Override
    public Step activate(StackFile file, StackService service, String version, DependencyCondition readyWhen,
            Optional<Duration> timeout) {
        Instant start = clock.instant();
        boolean waitForHealth = readyWhen == DependencyCondition.HEALTHY;
        ActivationResult r = activations.activate(definition(file, service), Optional.of(version),
                new ActivationService.Options(waitForHealth, timeout));
        Duration took = Duration.between(start, clock.instant());
        boolean activated = r.outcome().equals("activated") || r.outcome().equals("unchanged");
        String unit = unit(service.name());
        String tail = JournalLines.lastRun(r.failure().map(ActivationResult.Failure::journalTail).orElse(""), unit);
        String reason = r.failure().map(ActivationResult.Failure::reason).orElse("");
        if (!activated) {
            OptionalInt code = readyWhen == DependencyCondition.COMPLETED ? jobExit(unit, tail) : OptionalInt.empty();
            if (readyWhen == DependencyCondition.COMPLETED && code.isPresent() && code.getAsInt() != 0) {
                // systemctl's "Job for … failed because the control process exited" says less than this
                reason = "the job exited with status " + code.getAsInt();
            }
            return new Step(service.name(), false, r.outcome(), took, code, reason, tail);
        }
        switch (readyWhen) {
            case HEALTHY:
                return Step.ok(service.name(), "healthy", took);
            case COMPLETED: {
                // Type=oneshot: the restart returned when the job exited; a non-zero exit already failed above.
                Map<String, String> s = systemctl.show(unit, List.of("Result", "ExecMainStatus"));
                OptionalInt code = parseInt(s.get("ExecMainStatus"));
                boolean ok = "success".equals(s.get("Result")) && code.orElse(0) == 0;
                return new Step(service.name(), ok, ok ? "completed" : "failed", took, code,
                        ok ? "" : "the job ended with result " + s.get("Result"), ok ? "" : journal(unit));
            }
            default:
                return awaitActive(service.name(), start, timeout.orElse(DEFAULT_START_TIMEOUT));
        }
    }

    /** {@code started}: the unit reached active (not just "a start job was queued"). */
    private Step awaitActive(String service, Instant start, Duration timeout) {
        String unit = unit(service);
        Instant deadline = start.plus(timeout);
        while (true) {
            String state = systemctl.show(unit, List.of("ActiveState")).getOrDefault("ActiveState", "unknown");
            Instant now = clock.instant();
            if (state.equals("active")) {
                return Step.ok(service, "started", Duration.between(start, now));
            }
            if (state.equals("failed") || !now.isBefore(deadline)) {
                return new Step(service, false, "failed", Duration.between(start, now), OptionalInt.empty(),
                        unit + " is " + state, journal(unit));
            }
            sleeper.sleepUntil(now.plusMillis(250));
        }
    }

    @Override
    public Step restart(String service, DependencyCondition readyWhen, Optional<Duration> timeout) {
        String unit = unit(service);
        Instant start = clock.instant();
        try {
            systemctl.resetFailed(unit);
            systemctl.restart(unit);
        } catch (RuntimeException e) {
            Map<String, String> s = systemctl.show(unit, List.of("ExecMainStatus"));
            return new Step(service, false, "failed", Duration.between(start, clock.instant()),
                    parseInt(s.get("ExecMainStatus")), "systemctl restart " + unit + " failed: " + e.getMessage(),
                    journal(unit));
        }
        if (readyWhen == DependencyCondition.STARTED) {
            return awaitActive(service, start, timeout.orElse(DEFAULT_START_TIMEOUT));
        }
        if (readyWhen == DependencyCondition.COMPLETED) {
            // Type=oneshot: the restart returned when the job exited; a non-zero exit made it throw above.
            Map<String, String> s = systemctl.show(unit, List.of("Result", "ExecMainStatus"));
            OptionalInt code = parseInt(s.get("ExecMainStatus"));
            boolean ok = "success".equals(s.get("Result")) && code.orElse(0) == 0;
            return new Step(service, ok, ok ? "completed" : "failed", Duration.between(start, clock.instant()), code,
                    ok ? "" : "the job ended with result " + s.get("Result"), ok ? "" : journal(unit));
        }
        Instant deadline = start.plus(timeout.orElse(DEFAULT_START_TIMEOUT));
        while (true) {
            Instant now = clock.instant();
            if (probeOnce(service)) {
                return Step.ok(service, "healthy", Duration.between(start, now));
            }
            if (!now.isBefore(deadline)) {
                return new Step(service, false, "failed", Duration.between(start, now), OptionalInt.empty(),
                        "not healthy within " + StackReports.seconds(Duration.between(start, deadline)),
                        journal(unit));
            }
            sleeper.sleepUntil(now.plusSeconds(1));
        }
    }

    @Override
    public void deactivate(String service) {
        if (new Pointers(paths).current(service).isPresent() || Files.exists(paths.unitFile(service))) {
            activations.deactivate(service);
        }
    }

    @Override
    public void removeVolumes(String service) {
        if (Files.isDirectory(paths.volumesDir(service))) {
            PackageExtractor.deleteTree(paths.volumesDir(service));
        }
    }

    /** A stack's own (shared) volumes, {@code /var/lib/niso/stacks/<stack>/volumes}, and their then empty parent. */
    @Override
    public void removeStackVolumes(String stack) {
        Path dir = paths.stackVolumesDir(online.niso.common.model.Names.name(stack));
        if (Files.isDirectory(dir)) {
            PackageExtractor.deleteTree(dir);
        }
        try {
            Files.deleteIfExists(dir.getParent()); // only when empty: anything else activation keeps there stays
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // kept
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Live live(String service) {
        ServiceStatus st;
        try {
            st = status.services(Optional.of(service)).get(0);
        } catch (InvalidInputException e) {
            return Live.absent(service);
        }
        Map<String, String> s = systemctl.show(unit(service),
                List.of("Type", "Result", "ExecMainStatus", "ActiveEnterTimestamp", "ExecMainStartTimestamp"));
        boolean oneshot = "oneshot".equals(s.get("Type"));
        OptionalInt code = parseInt(s.get("ExecMainStatus"));
        String health = oneshot ? (code.isPresent() ? "exit " + code.getAsInt() : "none")
                : st.health().equals("none") ? (st.activeState().equals("active") ? "running" : "none") : st.health();
        Optional<Instant> since = timestamp(oneshot ? s.get("ExecMainStartTimestamp") : s.get("ActiveEnterTimestamp"))
                .or(st::since);
        return new Live(service, true, st.current().version(), st.activeState(), st.subState(), oneshot, code, health,
                since);
    }

    /** For planning: version and unit state only; no health probe (a plan does not depend on health). */
    @Override
    public Live state(String service) {
        Optional<String> version = new Pointers(paths).current(service);
        if (version.isEmpty()) {
            return Live.absent(service);
        }
        Map<String, String> s = systemctl.show(unit(service),
                List.of("ActiveState", "SubState", "Type", "Result", "ExecMainStatus"));
        return new Live(service, true, version.get(), s.getOrDefault("ActiveState", "unknown"),
                s.getOrDefault("SubState", "unknown"), "oneshot".equals(s.get("Type")),
                parseInt(s.get("ExecMainStatus")), "unknown", Optional.empty());
    }

    @Override
    public boolean probeOnce(String service) {
        Live l = live(service);
        return l.present() && l.activeState().equals("active")
                && (l.health().equals("healthy") || l.health().equals("running"));
    }

    @Override
    public List<String> journalArgv(List<String> services, int lines, boolean follow) {
        return JournalLines.argv(services.stream().map(ActivationStackActivator::unit).toList(), lines, follow);
    }

    static String unit(String service) {
        return "niso-" + service + ".service";
    }

    private String journal(String unit) {
        try {
            return JournalLines.lastRun(systemctl.journalTail(unit, 30), unit);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The job's exit status: systemd's, while the failed unit is loaded; else systemd's last exit line. */
    private OptionalInt jobExit(String unit, String tail) {
        try {
            Map<String, String> s = systemctl.show(unit, List.of("LoadState", "ExecMainStatus", "Result"));
            OptionalInt code = parseInt(s.get("ExecMainStatus"));
            if ("loaded".equals(s.get("LoadState")) && code.isPresent() && code.getAsInt() != 0) {
                return code;
            }
        } catch (RuntimeException e) {
            // gone with the unit file: the journal still has it
        }
        return exitFromJournal(tail);
    }

    static OptionalInt exitFromJournal(String journalTail) {
        Matcher m = EXIT_STATUS.matcher(journalTail);
        OptionalInt last = OptionalInt.empty();
        while (m.find()) {
            last = OptionalInt.of(Integer.parseInt(m.group(1)));
        }
        return last;
    }

    static OptionalInt parseInt(String s) {
        try {
            return s == null || s.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** systemd's "Thu 2026-11-26 14:00:00 UTC" (empty or "n/a" when never). */
    static Optional<Instant> timestamp(String s) {
        if (s == null || s.isBlank() || s.equals("n/a")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(s.strip(),
                    DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
