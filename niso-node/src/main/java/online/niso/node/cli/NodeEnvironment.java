package online.niso.node.cli;

import java.io.PrintWriter;
import online.niso.node.activate.HostServices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import online.niso.node.store.NodePaths;

/**
 * Everything a command takes from the outside world, passed in once by {@link NodeMain} so that
 * tests can run the whole CLI in-process with their own streams, environment and clock.
 */
public record NodeEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
        boolean interactive, HostServices host) {

    /** With the real host: systemctl, systemd-run, network probes, real sleeping. */
    public NodeEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, boolean interactive) {
        this(out, err, env, clock, interactive, HostServices.real(clock));
    }

    /** Who runs this command, for the activation history: the sudo caller, else $USER, else the uid. */
    public String who() {
        for (String key : new String[] {"SUDO_USER", "USER", "LOGNAME"}) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "uid:" + new com.sun.security.auth.module.UnixSystem().getUid();
    }

    /** {@code --root} wins, then {@code NISO_ROOT}, then {@code /}. */
    public NodePaths paths(Path rootOption) {
        if (rootOption != null) {
            return NodePaths.of(rootOption);
        }
        String fromEnv = env.get("NISO_ROOT");
        return NodePaths.of(Path.of(fromEnv == null || fromEnv.isBlank() ? "/" : fromEnv));
    }
}
