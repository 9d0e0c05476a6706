package online.niso.node.activate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import online.niso.node.net.AttachResult;
import online.niso.node.net.HostsEntries;
import online.niso.node.net.NetNames;
import online.niso.node.store.NodePaths;

/** The network part of an activation: attach/detach through {@link Networking} and the hosts files they change. */
final class NetworkStep {
    private final NodePaths paths;
    private final Pointers pointers;
    private final ReleaseDirs releaseDirs;
    private final Networking networking;

    NetworkStep(NodePaths paths, Pointers pointers, ReleaseDirs releaseDirs, Networking networking) {
        this.releaseDirs = releaseDirs;
        this.paths = paths;
        this.pointers = pointers;
        this.networking = networking;
    }

    /**
     * Gives the service its namespace, address and rules for {@code plan}'s [network] and writes the hosts
     * files this changes (its own, in the version's rootfs, and those of its network's other services). Runs
     * right before the restart: attaching re-creates the namespace, which the old process would lose.
     */
    Optional<String> attach(String name, ActivationPlan plan) {
        return attach(name, plan, Optional.empty());
    }

    /** As {@link #attach(String, ActivationPlan)}, with the boot unit's state already read (or empty). */
    Optional<String> attach(String name, ActivationPlan plan, Optional<Map<String, String>> bootUnit) {
        try (online.niso.common.trace.Trace.Span span = online.niso.common.trace.Trace.span("network: attach " + name)) {
            // Outside the host lock: starting it the first time runs `niso net restore`, which takes that lock.
            networking.ensureBootUnit(bootUnit);
            networking.locked(() -> {
                AttachResult r = networking.attach(name, plan.manifest().network());
                AtomicFiles.writeIfChanged(paths.rootfsDir(name, plan.rootfsKey()).resolve("etc/hosts"),
                        HostsEntries.file(r.hostsEntries()), "rw-r--r--");
                writePeerHosts(name, r.hostsUpdates());
                return r;
            });
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("network attach of " + name + " failed: " + e.getMessage());
        }
    }

    void detach(String name) {
        networking.locked(() -> {
            writePeerHosts(name, networking.detach(name));
            return null;
        });
    }

    /**
     * Rewrites the hosts file of every other service listed, in the rootfs of its current version, where it
     * changed (each write is an fsync, and most activations change no peer's entries).
     */
    private void writePeerHosts(String self, Map<String, List<String>> updates) {
        new TreeMap<>(updates).forEach((peer, entries) -> {
            if (peer.equals(self)) {
                return;
            }
            Optional<Release> release = pointers.currentRelease(peer);
            if (release.isEmpty()) {
                return; // attached by `niso net attach`, not activated: it has no rootfs of niso's
            }
            // Its running release's rootfs; one activated by an older niso has rootfs/<version> and no link.
            Path etc = releaseDirs.liveRootfs(peer).orElse(paths.rootfsDir(peer, release.get().rootfsKey(peer)))
                    .resolve("etc");
            if (Files.isDirectory(etc)) {
                AtomicFiles.writeIfChanged(etc.resolve("hosts"), HostsEntries.file(entries), "rw-r--r--");
            }
        });
    }

    boolean namespaceExists(String name) {
        return Files.exists(NetNames.netnsPath(name));
    }

}
