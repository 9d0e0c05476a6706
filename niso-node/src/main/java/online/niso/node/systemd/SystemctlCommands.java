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
}
