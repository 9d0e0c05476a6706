package online.niso.common.model;

/** One entry of [networks]: bridge niso-<name> with this subnet. */
public record StackNetwork(String name, Cidr subnet) {
}
