package online.niso.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import online.niso.node.activate.HostServices;
import online.niso.node.stack.ActivationStackActivator;
import online.niso.node.stack.HostStackNetworks;
import online.niso.node.stack.StackFile;
import online.niso.node.stack.StackOrchestrator;
import online.niso.node.stack.StackRecord;
import online.niso.node.stack.StackRecords;
import online.niso.node.store.NodePaths;

/** Wiring of the stack commands: the orchestrator over real activation, and a bounded pool for one level. */
final class StackContext implements AutoCloseable {
    /** Services of one level activated at once: enough for typical stacks, bounded for a 2-core host. */
    static final int PARALLELISM = 4;

    final NodePaths paths;
    final StackRecords records;
    final StackOrchestrator stacks;
    final ActivationStackActivator activator;
    private final ExecutorService pool;

    StackContext(NodeEnvironment env, CommonOptions common) {
        this.paths = env.paths(common.root);
        this.records = new StackRecords(paths);
        HostServices h = env.host();
        this.activator = new ActivationStackActivator(paths, ActivationCommands.activations(env, paths),
                ActivationCommands.status(env, paths), h.systemctl(), env.clock(), h.sleeper());
        this.pool = Executors.newFixedThreadPool(PARALLELISM, r -> {
            Thread t = new Thread(r, "niso-stack");
            t.setDaemon(true);
            return t;
        });
        this.stacks = new StackOrchestrator(activator, new HostStackNetworks(paths, env.clock()), records,
                env.clock(), h.sleeper(), pool);
    }

    /** The stack file: {@code -f} if given, else ./stack.toml. */
    static StackFile file(Path option) {
        return StackFile.load(option != null ? option : Path.of("stack.toml"));
    }

    /**
     * The deployed stack a command without a required file acts on: {@code --stack NAME}, else the name in
     * {@code -f FILE} (or ./stack.toml if present), else the only stack recorded on this host.
     */
    StackRecord record(Path fileOption, String stackName) {
        if (stackName != null) {
            return records.resolve(Optional.of(stackName));
        }
        if (fileOption != null || Files.isRegularFile(Path.of("stack.toml"))) {
            return records.resolve(Optional.of(file(fileOption).stack().name()));
        }
        return records.resolve(Optional.empty());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
