package online.niso.node.activate;

import java.time.Duration;
import java.util.List;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.ProcessRunner;
import online.niso.node.systemd.UnitFile;

/** {@link Sandbox} over {@code systemd-run --wait --pipe} with the unit's own sandbox properties. */
public final class SystemdRunSandbox implements Sandbox {
    private static final int OUTPUT_TAIL = 4000;

    private final ProcessRunner runner;

    public SystemdRunSandbox(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public Result run(UnitFile unit, String purpose, List<String> argv, Duration timeout) {
        String base = unit.name().replaceFirst("\\.service$", "");
        String transientUnit = base + "-" + purpose + ".service";
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
