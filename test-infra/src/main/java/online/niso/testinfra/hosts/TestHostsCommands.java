package online.niso.testinfra.hosts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every command this package runs, built as values (pure; tests assert the exact argv). */
final class TestHostsCommands {

    /** PATH inside a host for commands run via nsenter (their environment is otherwise empty). */
    static final String GUEST_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private TestHostsCommands() {}

    static Argv prepare(Path bin) {
        return Argv.of("bash", bin.resolve("prepare").toString());
    }

    static Argv up(Path script, String instance, int count, long ownerPid) {
        return Argv.of("bash", script.toString(), "--instance", instance, "up", Integer.toString(count),
                "--owner", Long.toString(ownerPid));
    }

    static Argv down(Path script, String instance) {
        return Argv.of("bash", script.toString(), "--instance", instance, "down");
    }

    /** start, poweroff, reboot, freeze, thaw, cut, restore, pid: one host of an instance. */
    static Argv hostAction(Path script, String instance, String action, String host) {
        return Argv.of("bash", script.toString(), "--instance", instance, action, host);
    }

    static Argv waitRunning(Path script, String instance, String host, long seconds) {
        return Argv.of("bash", script.toString(), "--instance", instance, "wait", host, Long.toString(seconds));
    }

    /** {@code argv} inside all namespaces of the host whose init has machine PID {@code pid}, clean environment. */
    static Argv inHost(long pid, List<String> argv) {
        List<String> all = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-a", "--",
                "/usr/bin/env", "-i", "PATH=" + GUEST_PATH, "HOME=/root", "LANG=C.UTF-8", "TERM=dumb"));
        all.addAll(argv);
        return new Argv(all);
    }

    /** The real OpenSSH client with the instance's config: its known_hosts only, strict host key checking. */
    static Argv ssh(Path sshConfig, String host, String command) {
        return Argv.of("ssh", "-F", sshConfig.toString(), "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                host, command);
    }

    /** Writes stdin to {@code remotePath} in the host atomically (temp file + rename) with the given mode. */
    static List<String> writeFile(String remotePath, String octalMode) {
        return List.of("sh", "-c", "set -e; t=\"$1.niso-copy.$$\"; cat > \"$t\"; chmod \"$2\" \"$t\"; mv -f \"$t\" \"$1\"",
                "sh", remotePath, octalMode);
    }

    static List<String> journal(String unit) {
        return List.of("journalctl", "--no-pager", "-q", "-o", "short-iso", "-u", unit);
    }
}
