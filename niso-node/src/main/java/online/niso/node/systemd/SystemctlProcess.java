package online.niso.node.systemd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.ProcessRunner;

/** {@link Systemctl} over the real {@code systemctl} and {@code journalctl}. */
public final class SystemctlProcess implements Systemctl {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /**
     * A (re)start returns when the unit counts as started: after a oneshot job ran, or after the readiness
     * check (ExecStartPost= niso health --await) saw the probe pass; both may take longer than a stop.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final ProcessRunner runner;

    public SystemctlProcess(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public void daemonReload() {
        runner.check(SystemctlCommands.daemonReload(), TIMEOUT);
    }

    @Override
    public void start(String unit) {
        runner.check(SystemctlCommands.verb("start", unit), START_TIMEOUT);
    }

    @Override
    public void stop(String unit) {
        runner.check(SystemctlCommands.verb("stop", unit), TIMEOUT);
    }

    @Override
    public void restart(String unit) {
        runner.check(SystemctlCommands.verb("restart", unit), START_TIMEOUT);
    }

    @Override
    public void enable(String unit) {
        runner.check(SystemctlCommands.verb("enable", unit), TIMEOUT);
    }

    @Override
    public void disable(String unit) {
        runner.check(SystemctlCommands.verb("disable", unit), TIMEOUT);
    }

    @Override
    public void resetFailed(String unit) {
        runner.run(SystemctlCommands.verb("reset-failed", unit), TIMEOUT); // fine if it was not failed
    }

    @Override
    public Map<String, String> show(String unit, List<String> properties) {
        CmdResult r = runner.check(SystemctlCommands.show(unit, properties), TIMEOUT);
        Map<String, String> values = new TreeMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    @Override
    public List<Map<String, String>> showUnits(List<String> units, List<String> properties) {
        if (units.size() == 1) {
            return List.of(show(units.get(0), properties));
        }
        CmdResult r = runner.check(SystemctlCommands.showUnits(units, properties), TIMEOUT);
        return SystemctlCommands.parseShowBlocks(r.stdout(), units.size());
    }

    @Override
    public String status(String unit) {
        CmdResult r = runner.run(SystemctlCommands.status(unit), TIMEOUT);
        return (r.stdout() + r.stderr()).strip();
    }

    @Override
    public String journalTail(String unit, int lines) {
        Cmd cmd = SystemctlCommands.journalTail(unit, lines);
        CmdResult r = runner.run(cmd, TIMEOUT);
        return (r.stdout() + r.stderr()).strip();
    }

    @Override
    public String journalTail(String unit, int lines, java.time.Instant since) {
        CmdResult r = runner.run(SystemctlCommands.journalTail(unit, lines, since), TIMEOUT);
        if (!r.ok()) {
            return (r.stdout() + r.stderr()).strip();
        }
        return JournalTails.fromFirstStart(r.stdout(), unit);
    }
}
