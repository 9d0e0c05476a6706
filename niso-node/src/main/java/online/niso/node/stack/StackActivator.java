package online.niso.node.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import online.niso.common.model.Manifest;
import online.niso.common.model.PackageRef;
import online.niso.common.model.StackService;
import online.niso.common.model.StackService.DependencyCondition;

/**
 * What the stack commands need from single-service activation, as a narrow seam: the real one drives
 * {@code ActivationService} (see {@link ActivationStackActivator}); tests use a fake. Every method is about one
 * service of a stack; service names are stack service names.
 */
public interface StackActivator {

    /** The installed package's manifest, if that exact version is installed. */
    Optional<Manifest> manifest(PackageRef ref);

    /**
     * Throws when {@code service} of {@code file} cannot be activated as written (what activation refuses when it
     * renders the unit: e.g. an override it does not support); changes nothing.
     */
    default void check(StackFile file, StackService service) {
    }

    /**
     * Activates {@code service} of {@code file} with {@code version} of its package (the file's version unless
     * an upgrade asks for another) and waits until it is {@code readyWhen}. A failed health check or job rolls
     * that service back (or removes it when it had no previous version).
     */
    Step activate(StackFile file, StackService service, String version, DependencyCondition readyWhen,
            Optional<Duration> timeout);

    /** {@code systemctl restart}, then waits for {@code readyWhen}. Nothing is rolled back. */
    Step restart(String service, DependencyCondition readyWhen, Optional<Duration> timeout);

    /** Stops, disables and removes the service's unit and network attachment. */
    void deactivate(String service);

    /** Deletes the service's named volumes (only {@code down --volumes}). */
    void removeVolumes(String service);

    /** Deletes the volumes the stack itself declares, shared by its services (only {@code down --volumes}). */
    void removeStackVolumes(String stack);

    /** What runs now; {@code present=false} when the service has no active version on this host. */
    Live live(String service);

    /** What {@code up} plans with: like {@link #live} but may skip the health probe (health is then "unknown"). */
    default Live state(String service) {
        return live(service);
    }

    /** One health probe now (or "the unit is active" without a check). */
    boolean probeOnce(String service);

    /** The journal command for these services (all of one stack, or one): formatted by {@link JournalLines}. */
    List<String> journalArgv(List<String> services, int lines, boolean follow);

    /**
     * The outcome of activating, restarting or waiting for one service.
     *
     * @param state    started | healthy | completed | unchanged | failed | rolled_back
     * @param exitCode the job's exit code (oneshot), when known
     */
    record Step(String service, boolean ok, String state, Duration took, OptionalInt exitCode, String reason,
            String journalTail) {
        public static Step ok(String service, String state, Duration took) {
            return new Step(service, true, state, took, OptionalInt.empty(), "", "");
        }
    }

    /**
     * @param activeState systemd's ActiveState ({@code active}, {@code inactive}, {@code failed}, …)
     * @param oneshot     whether the service is a job (then {@code exitCode} is its last exit status)
     * @param health      healthy | unhealthy | starting | running (no check, active) | none (not active)
     * @param since       when the unit last entered active (or the job last ran)
     */
    record Live(String service, boolean present, String version, String activeState, String subState,
            boolean oneshot, OptionalInt exitCode, String health, Optional<Instant> since) {
        public static Live absent(String service) {
            return new Live(service, false, "", "inactive", "dead", false, OptionalInt.empty(), "none",
                    Optional.empty());
        }

        /**
         * What {@code stack status} shows in STATUS: a job that ran reads completed (exit 0) or failed, whether its
         * unit stays active (exited) after it (RemainAfterExit=) or goes inactive.
         */
        public String status() {
            if (!present) {
                return "absent";
            }
            if (oneshot) {
                boolean ran = activeState.equals("inactive") || (activeState.equals("active") && subState.equals("exited"));
                if (ran && exitCode.isPresent() && exitCode.getAsInt() == 0) {
                    return "completed";
                }
                return ran || activeState.equals("failed") ? "failed" : activeState;
            }
            return activeState;
        }

        /** Whether this is the state {@code up} leaves it in: active, or a job that exited 0. */
        public boolean ok() {
            return present && (oneshot ? status().equals("completed") : activeState.equals("active"));
        }
    }
}
