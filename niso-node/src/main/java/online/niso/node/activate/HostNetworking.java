package online.niso.node.activate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.common.cmd.ProcessRunner;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Cidr;
import online.niso.common.model.NetworkSpec;
import online.niso.node.lock.HostLock;
import online.niso.node.net.AttachResult;
import online.niso.node.net.NetworkBootUnit;
import online.niso.node.net.NetworkService;
import online.niso.node.net.NftProcess;
import online.niso.node.state.StateDb;
import online.niso.node.store.NodePaths;
import online.niso.node.systemd.Systemctl;
import online.niso.node.systemd.UnitFileRenderer;

/** {@link Networking} over the real {@code ip}/{@code nft}, the state DB and the host lock. */
public final class HostNetworking implements Networking {
    /** The niso launcher the boot unit runs; the installer puts it here (override: -Dniso.executable=). */
    static final String DEFAULT_EXECUTABLE = "/usr/local/bin/niso";
    private static final Duration LOCK_WAIT = Duration.ofSeconds(120);

    private final NodePaths paths;
    private final Clock clock;
    private final Systemctl systemctl;
    private final ProcessRunner runner;

    public HostNetworking(NodePaths paths, Clock clock, Systemctl systemctl) {
        this(paths, clock, systemctl, new LocalProcessRunner());
    }

    HostNetworking(NodePaths paths, Clock clock, Systemctl systemctl, ProcessRunner runner) {
        this.paths = paths;
        this.clock = clock;
        this.systemctl = systemctl;
        this.runner = runner;
    }

    @Override
    public <T> T locked(Supplier<T> action) {
        try (HostLock lock = HostLock.acquire(paths.lockFile(), LOCK_WAIT, clock)) {
            return action.get();
        }
    }

    @Override
    public AttachResult attach(String service, NetworkSpec spec) {
        try (StateDb db = StateDb.open(paths.stateDb())) {
            return new NetworkService(db, runner, new NftProcess(runner)).attach(service, spec);
        }
    }

    @Override
    public boolean ensureNetwork(String name, Cidr subnet) {
        try (StateDb db = StateDb.open(paths.stateDb())) {
            NetworkService net = new NetworkService(db, runner, new NftProcess(runner));
            Optional<online.niso.node.net.Network> existing = net.state().network(name);
            if (existing.isPresent()) {
                if (!existing.get().subnet().equals(subnet)) {
                    throw new InvalidInputException("network " + name + " exists with subnet "
                            + existing.get().subnet() + ", not " + subnet + "; remove it first or fix the stack");
                }
                return false;
            }
            net.create(name, subnet);
            return true;
        }
    }

    @Override
    public Map<String, List<String>> detach(String service) {
        try (StateDb db = StateDb.open(paths.stateDb())) {
            return new NetworkService(db, runner, new NftProcess(runner)).detach(service);
        }
    }

    @Override
    public Optional<String> address(String service) {
        if (!Files.exists(paths.stateDb())) {
            return Optional.empty();
        }
        try (StateDb db = StateDb.open(paths.stateDb())) {
            return new NetworkService(db, runner, new NftProcess(runner)).state().attachment(service)
                    .map(a -> a.ip().toString());
        }
    }

    /** The installed niso launcher units run (boot unit, readiness check); -Dniso.executable= overrides it. */
    public static String executable() {
        return System.getProperty("niso.executable", DEFAULT_EXECUTABLE);
    }

    /** The properties {@link #ensureBootUnit} decides from. */
    public static final List<String> BOOT_UNIT_PROPERTIES = List.of("UnitFileState", "ActiveState");

    @Override
    public void ensureBootUnit(Optional<Map<String, String>> observed) {
        Path root = paths.root();
        Optional<Path> rootArg = root.equals(Path.of("/")) ? Optional.empty() : Optional.of(root);
        String text = UnitFileRenderer.render(NetworkBootUnit.unit(
                Path.of(executable()), rootArg));
        Path file = paths.unitDir().resolve(NetworkBootUnit.NAME);
        boolean written = AtomicFiles.writeIfChanged(file, text, "rw-r--r--");
        if (written) {
            systemctl.daemonReload();
        }
        // One `systemctl show` for both questions: every activation asks them (in its service's show, if given;
        // a unit file just (re)written is asked about again, after the reload).
        Map<String, String> state = observed.filter(o -> !written)
                .orElseGet(() -> systemctl.show(NetworkBootUnit.NAME, BOOT_UNIT_PROPERTIES));
        if (!"enabled".equals(state.get("UnitFileState"))) {
            systemctl.enable(NetworkBootUnit.NAME);
        }
        // Services Require= it: it must be active before they start, or starting them would run it now
        // (`net restore` re-creating every namespace under running services).
        if (!"active".equals(state.get("ActiveState"))) {
            systemctl.start(NetworkBootUnit.NAME);
        }
    }
}
