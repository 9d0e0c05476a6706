package online.niso.node.systemd;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import online.niso.common.error.InvalidInputException;

/** What runs and how it is started, stopped and restarted: Type=, ExecStart=, Environment=, ... */
final class ExecDirectives {
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
    private static final Set<String> SIGNALS = Set.of("SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGKILL",
            "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGCONT", "SIGPWR");

    private ExecDirectives() {}

    static Directives of(ServiceSpec spec, InstallLayout layout) {
        if (spec.type() == ServiceType.ONESHOT
                && (spec.restart() == RestartPolicy.ALWAYS || spec.restart() == RestartPolicy.ON_SUCCESS)) {
            throw new InvalidInputException("service.restart: \"" + spec.restart().systemdName()
                    + "\" is not allowed for a oneshot service (systemd refuses it); use on-failure or no");
        }
        Directives d = new Directives();
        d.set("Type", spec.type().systemdName());
        if (spec.type() == ServiceType.ONESHOT) {
            // A job: "active (exited)" after a successful run, so Requires=/After= dependents see it completed
            // and a re-activation of the same version is a no-op instead of a re-run.
            d.set("RemainAfterExit", "yes");
        }
        d.set("ExecStart", SystemdEscaping.commandLine("binary", spec.entrypoint(), spec.args()));

        d.set("WorkingDirectory", SystemdEscaping.path("binary.working_dir", spec.workingDir()));
        if (layout.environmentFile().isPresent()) {
            // Validated here too, so a bad value fails the plan, not the start; the file is written by activation.
            EnvironmentFiles.render("environment", spec.environment());
            d.add("EnvironmentFile", SystemdEscaping.path("layout.environment_file",
                    layout.environmentFile().get().toString()));
        } else {
            // TreeMap in ServiceSpec: sorted by name, so the unit text is deterministic.
            for (Map.Entry<String, String> e : spec.environment().entrySet()) {
                d.add("Environment", SystemdEscaping.environmentAssignment("environment", e.getKey(), e.getValue()));
            }
        }
        // Listed after niso's own file: systemd applies EnvironmentFile= in order, so env_file still wins.
        spec.envFile().ifPresent(f -> d.add("EnvironmentFile",
                SystemdEscaping.path("environment.env_file", f.toString())));
        // Secrets go through systemd credentials ($CREDENTIALS_DIRECTORY/<name>, mode 0400, not
        // inherited by children's environment, not visible in `systemctl show`), never Environment=.
        spec.credentials().forEach((name, file) -> {
            if (!CREDENTIAL_NAME.matcher(name).matches()) {
                throw new InvalidInputException("credentials: invalid credential name \""
                        + SystemdEscaping.printable(name) + "\" (letters, digits, '_', '.', '-')");
            }
            d.add("LoadCredential", name + ":" + SystemdEscaping.path("credentials." + name, file.toString()));
        });
        d.set("Restart", spec.restart().systemdName());
        d.set("RestartSec", duration("service.restart_delay", spec.restartDelay(), true));
        d.set("KillSignal", signal(spec.stopSignal()));
        d.set("TimeoutStopSec", duration("runtime.stop_timeout", spec.stopTimeout(), false));
        return d;
    }

    /** "TERM", "sigterm" and "SIGTERM" are accepted; rendered as SIGTERM. */
    static String signal(String value) {
        String upper = value.trim().toUpperCase(Locale.ROOT);
        String full = upper.startsWith("SIG") ? upper : "SIG" + upper;
        if (!SIGNALS.contains(full)) {
            throw new InvalidInputException("runtime.stop_signal: unsupported signal \""
                    + SystemdEscaping.printable(value) + "\" (expected one of "
                    + String.join(", ", new java.util.TreeSet<>(SIGNALS)) + ")");
        }
        return full;
    }

    /** Whole seconds as "30s", otherwise milliseconds as "1500ms" (systemd's time-span syntax). */
    static String duration(String field, Duration value, boolean zeroAllowed) {
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            // TimeoutStopSec=0 would mean "wait forever", which is never what a manifest means.
            throw new InvalidInputException(field + ": must be " + (zeroAllowed ? "zero or positive" : "positive")
                    + ", got " + value);
        }
        long ms = value.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
