package online.niso.testinfra.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import online.niso.common.error.OperationFailedException;
import online.niso.common.error.UnexpectedStateException;

/**
 * One real test host of a {@link TestFleet}: systemd as PID 1, sshd (key auth, its own host key), journald and
 * nftables in its own namespaces, with its own IP. Commands run either through the real {@code ssh} client with
 * strict host key checking ({@link #ssh}) or directly in its namespaces via {@code nsenter} ({@link #exec}).
 */
public final class TestHost {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final TestFleet fleet;
    private final HostInfo info;
    private final String knownHostsLine;

    TestHost(TestFleet fleet, HostInfo info, String knownHostsLine) {
        this.fleet = fleet;
        this.info = info;
        this.knownHostsLine = knownHostsLine;
    }

    public String name() {
        return info.name();
    }

    public String ip() {
        return info.ip();
    }

    public int sshPort() {
        return info.sshPort();
    }

    public String user() {
        return info.user();
    }

    /** The fleet's client key (OpenSSH ed25519, no passphrase), authorized for {@link #user()} on every host. */
    public Path privateKey() {
        return fleet.privateKey();
    }

    /** This host's line of {@link #knownHostsFile()}: {@code thN,IP ssh-ed25519 AAAA...}. */
    public String knownHostsLine() {
        return knownHostsLine;
    }

    public Path knownHostsFile() {
        return fleet.knownHostsFile();
    }

    /** OpenSSH client config naming every host of the fleet: {@code ssh -F <sshConfig> th1}. */
    public Path sshConfig() {
        return fleet.sshConfig();
    }

    /** Runs {@code argv} as root inside all of this host's namespaces (no ssh involved). */
    public ExecResult exec(String... argv) {
        return exec(DEFAULT_TIMEOUT, argv);
    }

    public ExecResult exec(Duration timeout, String... argv) {
        return LocalProcess.run(TestHostsCommands.inHost(pid(), List.of(argv)), timeout, null, fleet.env());
    }

    /** Runs a shell command line over real SSH ({@code ssh -F sshConfig name command}). */
    public ExecResult ssh(String command) {
        return ssh(DEFAULT_TIMEOUT, command);
    }

    public ExecResult ssh(Duration timeout, String command) {
        return LocalProcess.run(TestHostsCommands.ssh(sshConfig(), name(), command), timeout, null, fleet.env());
    }

    /** Copies a local file to {@code remotePath} in this host (atomically; same permission bits). */
    public void copyIn(Path local, String remotePath) {
        if (!remotePath.startsWith("/")) {
            throw new IllegalArgumentException("remotePath must be absolute, got \"" + remotePath + "\"");
        }
        String mode;
        try {
            mode = octal(Files.getPosixFilePermissions(local));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + local, e);
        }
        Argv argv = TestHostsCommands.inHost(pid(), TestHostsCommands.writeFile(remotePath, mode));
        LocalProcess.run(argv, DEFAULT_TIMEOUT, local, fleet.env()).orThrow();
    }

    /** The journal of {@code unit} on this host ({@code journalctl -u unit}, ISO timestamps). */
    public String journal(String unit) {
        return exec(TestHostsCommands.journal(unit).toArray(String[]::new)).orThrow().stdout();
    }

    // ---- fault helpers -------------------------------------------------------------------------------------

    /** Stops sshd (service and socket): the host keeps running but refuses ssh. */
    public void stopSshd() {
        exec("systemctl", "stop", "ssh.service", "ssh.socket").orThrow();
    }

    /** Takes the host's link down on the bridge: nothing reaches it and it reaches nothing. */
    public void cutNetwork() {
        fleet.script("cut", name());
    }

    public void restoreNetwork() {
        fleet.script("restore", name());
    }

    /** Freezes every process of the host (cgroup freezer): connections hang instead of failing. */
    public void freeze() {
        fleet.script("freeze", name());
    }

    public void thaw() {
        fleet.script("thaw", name());
    }

    /** Pulls the plug: kills all its processes at once. The writable layer stays; {@link #start()} boots again. */
    public void powerOff() {
        fleet.script("poweroff", name());
    }

    /** Boots a powered-off host and waits until systemd reports it running. */
    public void start() {
        fleet.script("start", name());
    }

    /** A clean {@code systemctl reboot}; returns once the host is running again (writable layer kept). */
    public void reboot() {
        fleet.script("reboot", name());
    }

    /**
     * Waits until {@code systemctl is-system-running} says running (or degraded: the failed units are then
     * printed to stderr) and returns that state.
     */
    public String waitUntilRunning(Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        LocalProcess.run(TestHostsCommands.waitRunning(fleet.scriptPath(), fleet.instance(), name(), seconds),
                timeout.plusSeconds(10), null, fleet.env()).orThrow();
        return exec("systemctl", "is-system-running").stdout().strip();
    }

    /** Machine PID of this host's init (systemd); fails when the host is not running. */
    public long pid() {
        String out = fleet.script("pid", name()).strip();
        if (out.isEmpty()) {
            throw new UnexpectedStateException(name() + " is not running");
        }
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            throw new OperationFailedException("testhosts pid " + name() + " printed \"" + out + "\"");
        }
    }

    static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }

    @Override
    public String toString() {
        return name() + "(" + ip() + ")";
    }
}
