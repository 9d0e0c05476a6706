package online.niso.fleet.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.error.NisoException;
import online.niso.common.error.OperationFailedException;
import online.niso.common.model.HostSpec;
import online.niso.common.remote.RemoteHost;
import online.niso.fleet.remote.Parallel;

/** Installs or updates niso on hosts that lack it or run another version; reports what a host is missing. */
public final class Bootstrapper {
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    public enum State { INSTALLED, ALREADY, MISSING, FAILED }

    public record HostResult(String host, State state, String detail) {}

    private final Function<HostSpec, RemoteHost> remotes;
    private final Distribution dist;
    private final int width;

    /** {@code width}: hosts bootstrapped at once (a deploy's wave width; the SSH layer caps handshakes). */
    public Bootstrapper(Function<HostSpec, RemoteHost> remotes, Distribution dist, int width) {
        this.remotes = remotes;
        this.dist = dist;
        this.width = width;
    }

    public List<HostResult> bootstrap(List<HostSpec> hosts) {
        Path tarball;
        try {
            tarball = Files.createTempFile("niso-dist-", ".tar.gz");
        } catch (IOException e) {
            throw new OperationFailedException("cannot create a temp file: " + e.getMessage(), e);
        }
        try {
            dist.writeTarball(tarball);
            Path t = tarball;
            return Parallel.map(hosts, width, "niso-fleet-bootstrap", h -> one(h, t));
        } finally {
            try {
                Files.deleteIfExists(tarball);
            } catch (IOException ignored) {
                // temp file
            }
        }
    }

    private HostResult one(HostSpec spec, Path tarball) {
        try {
            RemoteHost h = remotes.apply(spec);
            BootstrapDecision d = BootstrapDecision.decide(h.exec(BootstrapCommands.javaVersion(), TIMEOUT),
                    h.exec(BootstrapCommands.nisoVersion(), TIMEOUT), dist.version());
            if (d instanceof BootstrapDecision.Missing m) {
                return new HostResult(spec.name(), State.MISSING, m.what());
            }
            if (d instanceof BootstrapDecision.Skip s) {
                return new HostResult(spec.name(), State.ALREADY, s.reason());
            }
            List<Cmd> steps = BootstrapCommands.install(dist.version());
            run(h, steps.get(0));
            h.upload(tarball, BootstrapCommands.tarball(dist.version()), TIMEOUT);
            for (Cmd c : steps.subList(1, steps.size())) {
                run(h, c);
            }
            CmdResult check = h.exec(BootstrapCommands.nisoVersion(), TIMEOUT);
            if (!BootstrapDecision.nisoVersion(check).map(dist.version()::equals).orElse(false)) {
                return new HostResult(spec.name(), State.FAILED, "installed, but `niso --version` says: " + check.describe()
                        + " " + check.stdout().strip());
            }
            return new HostResult(spec.name(), State.INSTALLED, "installed niso " + dist.version() + " ("
                    + ((BootstrapDecision.Install) d).reason() + ")");
        } catch (NisoException e) {
            return new HostResult(spec.name(), State.FAILED, e.getMessage());
        }
    }

    private static void run(RemoteHost h, Cmd c) {
        CmdResult r = h.exec(c, TIMEOUT);
        if (!r.ok()) {
            throw new OperationFailedException(r.describe());
        }
    }
}
