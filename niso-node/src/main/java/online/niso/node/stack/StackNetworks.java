package online.niso.node.stack;

import online.niso.common.model.Cidr;

/** The stack's networks on this host (real one: {@code NetworkService} under the host lock). */
public interface StackNetworks {

    /** Creates the network unless it exists with this subnet; true if it was created. */
    boolean ensure(String name, Cidr subnet);

    /** Removes the network if no service uses it any more; false if it is still in use or absent. */
    boolean removeIfUnused(String name);
}
