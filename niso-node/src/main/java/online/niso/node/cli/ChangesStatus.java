package online.niso.node.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import online.niso.node.activate.StatusCache;
import online.niso.node.store.NodePaths;

/**
 * A command that may change what {@code niso status} reports (packages, services, their releases and definitions).
 * Its work ({@link #change}) runs inside a {@link StatusCache} change, so the cache that
 * {@code niso status --json --cached} answers from is never left describing a state that is no longer true.
 */
interface ChangesStatus extends Callable<Integer> {
    /** Where the command works: its environment and {@code --root} (null: {@code NISO_ROOT} or /). */
    record Scope(NodeEnvironment env, Path root) {}

    Scope scope();

    /** The command's own work: what {@code call()} would be. */
    Integer change() throws Exception;

    @Override
    default Integer call() throws Exception {
        NodeEnvironment env = scope().env();
        NodePaths paths = env.paths(scope().root());
        try (StatusCache.Change change = StatusCache.begin(paths, () -> ActivationCommands.statusCacheText(env, paths))) {
            return change();
        }
    }
}
