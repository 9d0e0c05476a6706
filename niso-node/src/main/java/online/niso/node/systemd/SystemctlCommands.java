package online.niso.node.systemd;

import java.util.ArrayList;
import java.util.List;
import online.niso.common.cmd.Cmd;

/** The exact systemctl/journalctl command lines niso runs: pure, string-tested. */
public final class SystemctlCommands {
    private SystemctlCommands() {}

    public static Cmd daemonReload() {
        return Cmd.of("systemctl", "daemon-reload");
    }

    public static Cmd verb(String verb, String unit) {
        return Cmd.of("systemctl", verb, "--", unit);
    }

    public static Cmd show(String unit, List<String> properties) {
        List<String> argv = new ArrayList<>(List.of("systemctl", "show"));
        for (String p : properties.stream().sorted().toList()) {
            argv.add("-p");
            argv.add(p);
        }
        argv.add("--");
        argv.add(unit);
        return Cmd.of(argv);
    }

    public static Cmd status(String unit) {
        return Cmd.of("systemctl", "status", "--no-pager", "--full", "--lines=0", "--", unit);
    }

    public static Cmd journalTail(String unit, int lines) {
        return Cmd.of("journalctl", "--no-pager", "--output=short-iso", "-n", Integer.toString(lines), "-u", unit);
    }

    /** As {@link #journalTail(String, int)}, only entries at or after {@code since} (microseconds, UNIX time). */
    public static Cmd journalTail(String unit, int lines, java.time.Instant since) {
        return Cmd.of("journalctl", "--no-pager", "--output=short-iso", "-n", Integer.toString(lines),
                "--since", epochMicros(since), "-u", unit);
    }

    /** systemd.time(7)'s "@" form, exact to the microsecond (the journal's own resolution). */
    static String epochMicros(java.time.Instant t) {
        long micros = Math.floorDiv(t.getNano(), 1000);
        return "@" + t.getEpochSecond() + "." + String.format("%06d", micros);
    }
}
