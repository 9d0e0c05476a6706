package online.niso.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import online.niso.node.store.NodePaths;

/**
 * Everything a command takes from the outside world, passed in once by {@link NodeMain} so that
 * tests can run the whole CLI in-process with their own streams, environment and clock.
 */
public record NodeEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
        boolean interactive) {

    /** {@code --root} wins, then {@code NISO_ROOT}, then {@code /}. */
    public NodePaths paths(Path rootOption) {
        if (rootOption != null) {
            return NodePaths.of(rootOption);
        }
        String fromEnv = env.get("NISO_ROOT");
        return NodePaths.of(Path.of(fromEnv == null || fromEnv.isBlank() ? "/" : fromEnv));
    }
}
