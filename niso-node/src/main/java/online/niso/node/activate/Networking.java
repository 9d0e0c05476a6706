package online.niso.node.activate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import online.niso.common.model.Cidr;
import online.niso.common.model.NetworkSpec;
import online.niso.node.net.AttachResult;

/**
 * What activation needs from niso networking: a namespace, address and rules per service. The real one
 * ({@link HostNetworking}) drives {@link online.niso.node.net.NetworkService} under the host lock; tests use
 * a recording fake.
 */
public interface Networking {
    /** Runs {@code action} holding the host lock (attach/detach and the hosts files they change). */
    <T> T locked(Supplier<T> action);

    /** Caller holds {@link #locked}. */
    AttachResult attach(String service, NetworkSpec spec);

    /** Caller holds {@link #locked}. Returns the remaining peers' hosts entries. */
    Map<String, List<String>> detach(String service);

    /** The service's address on its network, if attached (health probes go there). */
    Optional<String> address(String service);

    /**
     * Creates network {@code name} with {@code subnet} if it does not exist (like {@code niso net create});
     * an existing one with another subnet is an error. Returns whether it was created. Caller holds
     * {@link #locked}.
     */
    boolean ensureNetwork(String name, Cidr subnet);

    /** Installs and enables niso-network.service if it is not yet; caller holds {@link #locked}. */
    default void ensureBootUnit() {
        ensureBootUnit(Optional.empty());
    }

    /**
     * As {@link #ensureBootUnit()}, with the unit's ActiveState and UnitFileState already read (an activation
     * reads them in the same {@code systemctl show} as its service's); empty: read them.
     */
    void ensureBootUnit(Optional<Map<String, String>> observed);
}
