package online.niso.node.activate;

import java.nio.file.Files;
import java.util.Optional;
import online.niso.node.rootfs.RootfsAssembler;
import online.niso.node.store.NodePaths;

/** Puts back what a repair journal says was there before an activation: definition, unit, pointers, process. */
final class Restorer {
    private final NodePaths paths;
    private final ActivationPlanner planner;
    private final Pointers pointers;
    private final ReleaseDirs releaseDirs;
    private final DefinitionStore definitions;
    private final ServiceReleases releases;
    private final NetworkStep network;
    private final UnitControl units;

    Restorer(NodePaths paths, ActivationPlanner planner, Pointers pointers, ReleaseDirs releaseDirs,
            DefinitionStore definitions, ServiceReleases releases, NetworkStep network, UnitControl units) {
        this.releaseDirs = releaseDirs;
        this.paths = paths;
        this.planner = planner;
        this.pointers = pointers;
        this.definitions = definitions;
        this.releases = releases;
        this.network = network;
        this.units = units;
    }

    void restore(String name, PendingActivation pending) {
        Optional<Release> fromRelease = pending.fromRelease(name);
        if (fromRelease.isPresent()) {
            definitions.restore(name, fromRelease.get(), Optional.ofNullable(pending.fromDefinition()));
            ActivationPlan plan = planner.plan(definitions.read(name, fromRelease.get()),
                    releases.ref(fromRelease.get()));
            if (!Files.isDirectory(paths.rootfsDir(name, plan.rootfsKey()))) {
                RootfsAssembler.assemble(plan.rootfs(), paths.rootfsDir(name, plan.rootfsKey()));
            }
            // Made by the activation that is undone, or by an older niso that had none: made here if missing.
            releaseDirs.prepare(name, plan.files());
            units.write(name, plan.unitText());
            pointers.setRelease(name, Pointers.CURRENT, fromRelease);
            pointers.setRelease(name, Pointers.PREVIOUS, pending.fromPreviousRelease(name));
            releaseDirs.setLive(name, Optional.of(plan.files().key()));
            // The same network spec as before: the attachment keeps its address (IPAM keeps it per service).
            if (network.attach(name, plan).isEmpty()) {
                units.restart(ActivationService.unitName(name));
            }
        } else {
            units.remove(name, true);
            network.detach(name);
            pointers.set(name, Pointers.CURRENT, Optional.empty());
            pointers.setRelease(name, Pointers.PREVIOUS, pending.fromPreviousRelease(name));
            releaseDirs.setLive(name, Optional.empty());
        }
    }
}
