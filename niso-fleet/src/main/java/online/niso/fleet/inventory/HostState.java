package online.niso.fleet.inventory;

import online.niso.fleet.remote.NodeStatus;

/** What the snapshot saw on one host: its `niso status`, or why it could not be asked. */
public sealed interface HostState permits HostState.Reachable, HostState.Unreachable {
    String host();

    record Reachable(String host, NodeStatus status) implements HostState {}

    record Unreachable(String host, String reason) implements HostState {}
}
