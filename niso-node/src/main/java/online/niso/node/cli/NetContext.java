package online.niso.node.cli;

import java.time.Duration;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.node.lock.HostLock;
import online.niso.node.net.NetworkService;
import online.niso.node.net.NftProcess;
import online.niso.node.state.StateDb;
import online.niso.node.store.NodePaths;

/** The state DB, the host lock (for changes) and the network service over the real ip/nft, closed together. */
final class NetContext implements AutoCloseable {
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    final NetworkService net;
    private final StateDb db;
    private final HostLock lock;

    private NetContext(StateDb db, HostLock lock) {
        this.db = db;
        this.lock = lock;
        LocalProcessRunner runner = new LocalProcessRunner();
        this.net = new NetworkService(db, runner, new NftProcess(runner));
    }

    static NetContext open(NodeEnvironment env, CommonOptions common, boolean changes) {
        NodePaths paths = env.paths(common.root);
        HostLock lock = changes ? HostLock.acquire(paths.lockFile(), LOCK_WAIT, env.clock()) : null;
        try {
            return new NetContext(StateDb.open(paths.stateDb()), lock);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        db.close();
        if (lock != null) {
            lock.close();
        }
    }
}
