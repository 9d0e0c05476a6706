package online.niso.testinfra.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;

/**
 * A set of real test hosts th1..thN booted on this machine (needs Linux and root), torn down by {@link #close()}
 * or, if the JVM ends first, by a shutdown hook. All lifecycle work is done by {@code test-infra/bin/testhosts};
 * this class only drives it and reads the files it writes.
 *
 * <pre>{@code
 * try (TestFleet fleet = TestFleet.start(3)) {
 *     fleet.host("th1").ssh("systemctl is-system-running").orThrow();
 * }
 * }</pre>
 */
public final class TestFleet implements AutoCloseable {

    /** Where {@code testhosts} keeps instances (same constant as in the script). */
    static final Path RUN_ROOT = Path.of("/var/tmp/niso-testhosts");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Map<String, String> ENV = Map.of("PATH", TestHostsCommands.GUEST_PATH, "LC_ALL", "C");
    private static final AtomicBoolean PREPARED = new AtomicBoolean();

    private final String instance;
    private final Path runDir;
    private final String machineIp;
    private final List<TestHost> hosts;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestFleet(String instance, Path runDir, String machineIp, List<HostInfo> infos, String knownHosts) {
        this.instance = instance;
        this.runDir = runDir;
        this.machineIp = machineIp;
        List<TestHost> hs = new ArrayList<>();
        for (HostInfo info : infos) {
            String line = HostsTable.knownHostsLine(knownHosts, info.name()).orElseThrow(() ->
                    new OperationFailedException("known_hosts of instance " + instance + " has no " + info.name()));
            hs.add(new TestHost(this, info, line));
        }
        this.hosts = List.copyOf(hs);
        this.shutdownHook = new Thread(this::down, "testhosts-down-" + instance);
    }

    /** Boots {@code count} hosts (1..240) and returns once all report running. */
    public static TestFleet start(int count) {
        return start(count, new SecureRandom());
    }

    /** As {@link #start(int)}, drawing the instance id from {@code random}. */
    public static TestFleet start(int count, Random random) {
        if (count < 1 || count > 240) {
            throw new InvalidInputException("a test fleet has 1..240 hosts, asked for " + count);
        }
        Path bin = Scripts.extract();
        try {
            prepareOnce(bin);
            for (int attempt = 0; attempt < 5; attempt++) {
                String instance = newInstanceId(random);
                if (Files.exists(RUN_ROOT.resolve(instance))) {
                    continue; // taken by another run
                }
                // `down` of a fresh id touches nothing of ours but removes what crashed runs (killed JVMs) left.
                LocalProcess.run(TestHostsCommands.down(bin.resolve("testhosts"), instance), Duration.ofMinutes(2),
                        null, ENV).orThrow();
                ExecResult up = LocalProcess.run(TestHostsCommands.up(bin.resolve("testhosts"), instance, count,
                        ProcessHandle.current().pid()), Duration.ofSeconds(120 + 2L * count), null, ENV);
                if (!up.ok() && up.stderr().contains("already exists")) {
                    continue; // another run took this id between our check and `up`: not ours to tear down
                }
                try {
                    up.orThrow();
                    TestFleet fleet = load(instance);
                    Runtime.getRuntime().addShutdownHook(fleet.shutdownHook);
                    return fleet;
                } catch (RuntimeException e) {
                    // Whatever `up` got to create goes again before we report the failure.
                    LocalProcess.run(TestHostsCommands.down(bin.resolve("testhosts"), instance),
                            Duration.ofMinutes(2), null, ENV);
                    throw new OperationFailedException("test hosts did not come up: " + up.describe(), e);
                }
            }
            throw new OperationFailedException("no free testhosts instance id found in 5 attempts");
        } finally {
            Scripts.delete(bin);
        }
    }

    private static void prepareOnce(Path bin) {
        // Idempotent and fast when done; normally the test command has already run it before Maven.
        if (PREPARED.compareAndSet(false, true)) {
            ExecResult r = LocalProcess.run(TestHostsCommands.prepare(bin), Duration.ofMinutes(15), null, ENV);
            if (!r.ok()) {
                PREPARED.set(false);
                throw new OperationFailedException("test-infra/bin/prepare failed: " + r.describe());
            }
        }
    }

    static String newInstanceId(Random random) {
        StringBuilder id = new StringBuilder("j"); // j: started from Java; `testhosts` defaults to "demo"
        for (int i = 0; i < 3; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static TestFleet load(String instance) {
        Path dir = RUN_ROOT.resolve(instance);
        try {
            String machineIp = HostsTable.envValue(Files.readString(dir.resolve("instance.env")), "MACHINE_IP")
                    .orElseThrow(() -> new OperationFailedException(dir + "/instance.env has no MACHINE_IP"));
            return new TestFleet(instance, dir, machineIp, HostsTable.parse(Files.readString(dir.resolve("hosts.tsv"))),
                    Files.readString(dir.resolve("known_hosts")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read instance files in " + dir, e);
        }
    }

    public List<TestHost> hosts() {
        return hosts;
    }

    public TestHost host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("no test host " + name + " (have th1..th" + hosts.size() + ")"));
    }

    /** Host number {@code n}, 1-based like the names. */
    public TestHost host(int n) {
        return host("th" + n);
    }

    /**
     * This machine's address on the fleet's bridge: a server the test binds here (and only here) is reachable
     * from every host, e.g. to serve packages to them.
     */
    public String machineIp() {
        return machineIp;
    }

    /** The 4-character id carried by every name this fleet created on the machine. */
    public String instance() {
        return instance;
    }

    /** State directory: ssh_config, known_hosts, id_ed25519, hosts.tsv and each host's writable layer. */
    public Path runDir() {
        return runDir;
    }

    public Path sshConfig() {
        return runDir.resolve("ssh_config");
    }

    public Path knownHostsFile() {
        return runDir.resolve("known_hosts");
    }

    public Path privateKey() {
        return runDir.resolve("id_ed25519");
    }

    Path scriptPath() {
        return runDir.resolve("bin/testhosts");
    }

    Map<String, String> env() {
        return ENV;
    }

    String script(String action, String host) {
        return LocalProcess.run(TestHostsCommands.hostAction(scriptPath(), instance, action, host),
                Duration.ofMinutes(2), null, ENV).orThrow().stdout();
    }

    /** Tears every host down; nothing of this fleet is left on the machine afterwards. Idempotent. */
    @Override
    public void close() {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    private void down() {
        if (closed.compareAndSet(false, true)) {
            LocalProcess.run(TestHostsCommands.down(scriptPath(), instance), Duration.ofMinutes(5), null, ENV)
                    .orThrow();
        }
    }
}
