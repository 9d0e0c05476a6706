package online.niso.fleet.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import online.niso.common.remote.RemoteHosts;
import online.niso.fleet.remote.RetryPolicies;
import online.niso.fleet.remote.SshOptions;
import online.niso.fleet.remote.SshRemoteHosts;
import online.niso.fleet.rollout.Sleeper;

/**
 * The outside world as seen by niso-fleet commands; tests supply their own (a FakeFleet for
 * {@code remotes}, a MutableClock and a sleeper that advances it).
 */
public record FleetEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
                               boolean interactive, BufferedReader in, Path home,
                               Function<SshOptions, RemoteHosts> remotes, Sleeper sleeper, RetryPolicies retries,
                               Controller controller) {

    /** This controller process, as recorded in the deploy lock. */
    public record Controller(String identity, long pid, java.util.function.LongPredicate pidAlive) {
        static Controller current(Map<String, String> env) {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = env.getOrDefault("HOSTNAME", "unknown-host");
            }
            return new Controller(env.getOrDefault("USER", System.getProperty("user.name")) + "@" + host,
                    ProcessHandle.current().pid(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    /** The real world: SSH via MINA, real sleeping, default retries. */
    public static FleetEnvironment system(PrintWriter out, PrintWriter err, BufferedReader in, Map<String, String> env,
                                          boolean interactive) {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        return new FleetEnvironment(out, err, env, Clock.systemUTC(), interactive, in, home,
                o -> new SshRemoteHosts(o, RetryPolicies.DEFAULT), Sleeper.REAL, RetryPolicies.DEFAULT,
                Controller.current(env));
    }
}
