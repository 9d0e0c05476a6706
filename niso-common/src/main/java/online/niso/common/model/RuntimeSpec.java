package online.niso.common.model;

import java.time.Duration;
import java.util.Optional;

/**
 * [runtime]. {@code use} names a runtime package installed once on the host (e.g. nodejs:20) and
 * bind-mounted into the rootfs; {@code init} runs a minimal init as PID 1 to reap zombies.
 */
public record RuntimeSpec(Optional<PackageRef> use, boolean init, String stopSignal, Duration stopTimeout) {
    public static final RuntimeSpec DEFAULT = new RuntimeSpec(Optional.empty(), false, "SIGTERM", Duration.ofSeconds(30));
    public static final java.util.List<String> SIGNALS = java.util.List.of("SIGABRT", "SIGALRM", "SIGHUP",
            "SIGINT", "SIGKILL", "SIGQUIT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGWINCH");
}
