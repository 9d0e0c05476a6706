package online.niso.node.activate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.common.cmd.ProcessRunner;
import online.niso.node.systemd.Systemctl;
import online.niso.node.systemd.SystemctlProcess;

/** The parts of the host activation acts on; real ones in production, fakes in tests. */
public record HostServices(Systemctl systemctl, Sandbox sandbox, ServiceProber.Factory probers, Sleeper sleeper,
        Supplier<String> hostname, java.util.function.Function<online.niso.node.store.NodePaths, Networking> networking) {

    public static HostServices real(Clock clock) {
        return over(clock, new LocalProcessRunner());
    }

    /** The real services, with every command run by {@code runner} (the CDS training passes one that runs none). */
    public static HostServices over(Clock clock, ProcessRunner runner) {
        Sandbox sandbox = new SystemdRunSandbox(runner);
        return new HostServices(new SystemctlProcess(runner), sandbox, unit -> new ServiceProber(clock, sandbox, unit),
                Sleeper.real(clock), HostServices::kernelHostname,
                paths -> new HostNetworking(paths, clock, new SystemctlProcess(runner), runner));
    }

    private static String kernelHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
