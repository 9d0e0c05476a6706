package online.niso.node.stack;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Cidr;
import online.niso.node.lock.HostLock;
import online.niso.node.net.Network;
import online.niso.node.net.NetworkService;
import online.niso.node.net.NftProcess;
import online.niso.node.state.StateDb;
import online.niso.node.store.NodePaths;

/** The stack's networks through {@link NetworkService} (real ip/nft), each change under the host lock. */
public final class HostStackNetworks implements StackNetworks {
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private final NodePaths paths;
    private final Clock clock;

    public HostStackNetworks(NodePaths paths, Clock clock) {
        this.paths = paths;
        this.clock = clock;
    }

    @Override
    public boolean ensure(String name, Cidr subnet) {
        return withNet(net -> {
            var existing = net.state().network(name);
            if (existing.isPresent()) {
                if (!existing.get().subnet().equals(subnet)) {
                    throw new InvalidInputException("network " + name + " exists with subnet " + existing.get().subnet()
                            + ", but the stack file wants " + subnet + " (stack down, or niso net remove " + name + ")");
                }
                return false;
            }
            net.create(name, subnet);
            return true;
        });
    }

    @Override
    public boolean removeIfUnused(String name) {
        return withNet(net -> {
            var state = net.state();
            if (state.network(name).isEmpty() || !state.on(name).isEmpty() || name.equals(Network.DEFAULT.name())) {
                return false;
            }
            net.remove(name);
            return true;
        });
    }

    private <T> T withNet(Function<NetworkService, T> work) {
        try (HostLock lock = HostLock.acquire(paths.lockFile(), LOCK_WAIT, clock);
             StateDb db = StateDb.open(paths.stateDb())) {
            LocalProcessRunner runner = new LocalProcessRunner();
            return work.apply(new NetworkService(db, runner, new NftProcess(runner)));
        }
    }
}
