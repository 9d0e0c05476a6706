package online.niso.node.activate;

import java.time.Duration;
import java.util.List;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.ProcessRunner;
import online.niso.node.systemd.UnitFile;

/** {@link Sandbox} over {@code systemd-run --wait --pipe} with the unit's own sandbox properties. */
public final class SystemdRunSandbox implements Sandbox {
    private static final int OUTPUT_TAIL = 4000;
    private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

    private final ProcessRunner runner;

    public SystemdRunSandbox(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public Result run(UnitFile unit, String purpose, List<String> argv, Duration timeout) {
        String base = unit.name().replaceFirst("\\.service$", "");
        // Unique per niso process and run: the readiness unit's `niso health --await` and an activation's own
        // health wait probe the same service at the same time, and systemd refuses a second unit of one name.
        String transientUnit = base + "-" + purpose + "-" + ProcessHandle.current().pid() + "-"
                + RUNS.incrementAndGet() + ".service";
        // Grace beyond RuntimeMaxSec= so systemd, not our timeout, ends the command and cleans up its unit.
        CmdResult r = runner.run(SandboxCommands.systemdRun(unit, transientUnit, argv, timeout),
                timeout.plusSeconds(10));
        String out = (r.stdout() + r.stderr()).strip();
        if (out.length() > OUTPUT_TAIL) {
            out = "…" + out.substring(out.length() - OUTPUT_TAIL);
        }
        return new Result(r.exitCode(), out);
    }
}
