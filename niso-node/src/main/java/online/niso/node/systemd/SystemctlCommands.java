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

    /** {@code systemctl show} of several units: systemd prints one block per unit, in this order. */
    public static Cmd showUnits(List<String> units, List<String> properties) {
        List<String> argv = new ArrayList<>(show("x", properties).argv());
        argv.remove(argv.size() - 1);
        argv.addAll(units);
        return Cmd.of(argv);
    }

    /**
     * The property maps of {@link #showUnits}'s output: blocks separated by an empty line, one per unit. Fails
     * (rather than guess which block is whose) when the count is not {@code units}.
     */
    public static List<java.util.Map<String, String>> parseShowBlocks(String stdout, int units) {
        List<java.util.Map<String, String>> blocks = new ArrayList<>();
        java.util.Map<String, String> current = null;
        for (String line : stdout.split("\n", -1)) {
            if (line.isEmpty()) {
                current = null;
                continue;
            }
            if (current == null) {
                current = new java.util.TreeMap<>();
                blocks.add(current);
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                current.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (blocks.size() != units) {
            throw new IllegalStateException("systemctl show printed " + blocks.size() + " blocks for " + units
                    + " units");
        }
        return blocks;
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
