package online.niso.node.activate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import online.niso.common.cmd.Cmd;
import online.niso.node.systemd.Entry;
import online.niso.node.systemd.UnitFile;

/**
 * Pure: the {@code systemd-run} command that runs a hook or an exec probe sandboxed exactly like the
 * service — same rootfs, binds, user, seccomp, capabilities, credentials and environment — by copying
 * the generated unit's [Service] directives as {@code -p} properties of a transient unit.
 */
public final class SandboxCommands {
    /** Directives that describe the long-running process itself, not its sandbox. */
    private static final Set<String> NOT_COPIED = Set.of("Type", "ExecStart", "Restart", "RestartSec",
            "KillSignal", "TimeoutStopSec", "RemainAfterExit");

    private SandboxCommands() {}

    public static Cmd systemdRun(UnitFile unit, String transientUnit, List<String> argv, Duration maxRuntime) {
        Cmd cmd = Cmd.of("systemd-run", "--quiet", "--wait", "--pipe", "--collect", "--service-type=exec",
                "--unit=" + transientUnit, "-p", "RuntimeMaxSec=" + Math.max(1, maxRuntime.toSeconds()));
        for (Entry e : unit.require("Service").entries()) {
            if (NOT_COPIED.contains(e.key())) {
                continue;
            }
            cmd = cmd.with("-p");
            // Environment values may carry credentials-like data: never in logs or error messages.
            cmd = e.key().equals("Environment") ? cmd.withSecret(e.key() + "=" + e.value())
                    : cmd.with(e.key() + "=" + e.value());
        }
        return cmd.with("--").with(argv);
    }
}
