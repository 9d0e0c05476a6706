package online.niso.node.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.model.Manifest;
import online.niso.node.rootfs.RootfsPlan;
import online.niso.node.runtime.RuntimeRef;
import online.niso.node.store.InstalledManifests;
import online.niso.node.store.NodePaths;
import online.niso.node.systemd.EnvironmentFiles;
import online.niso.node.systemd.InstallLayout;
import online.niso.node.systemd.ServiceSpec;
import online.niso.node.systemd.UnitFile;
import online.niso.node.systemd.UnitFileRenderer;
import online.niso.node.systemd.UnitGenerator;
import online.niso.node.systemd.Volume;

/**
 * Reads what a plan needs from the host (the installed manifest, the runtime's binaries) and hands it to
 * the pure parts: {@link ServiceMapper}, {@link UnitGenerator}, {@link RootfsPlan}.
 */
public final class ActivationPlanner {
    /** The unit always names real host paths: with --root the tree under it stands for /. */
    private static final NodePaths UNIT_PATHS = NodePaths.of(Path.of("/"));

    private final NodePaths paths;

    public ActivationPlanner(NodePaths paths) {
        this.paths = paths;
    }

    /** The plan for the service of the package of the same name (the default definition). */
    public ActivationPlan plan(String service, VersionRef target) {
        return plan(ServiceDefinition.ofPackage(service), target);
    }

    /** The plan for {@code def}'s service running version {@code target} of {@code def}'s package. */
    public ActivationPlan plan(ServiceDefinition def, VersionRef target) {
        Path pkgDir = paths.packageVersionDir(def.packageName(), target.version());
        Path manifestFile = pkgDir.resolve("manifest.toml");
        if (!Files.isRegularFile(manifestFile)) {
            throw new UnexpectedStateException(def.packageName() + " " + target.version() + ": " + manifestFile
                    + " is missing; reinstall the package");
        }
        Manifest manifest = InstalledManifests.read(paths, def.packageName(), target.version());
        Optional<ResolvedRuntime> runtime = manifest.runtime().use().map(this::runtime);
        return plan(def, target, manifest, runtime, hostFacts(def.service()));
    }

    /** The services activated here besides {@code self} (a {@code current} pointer). */
    ServiceMapper.HostFacts hostFacts(String self) {
        java.util.Set<String> local = new TreeSet<>();
        if (Files.isDirectory(paths.packagesDir())) {
            try (Stream<Path> list = Files.list(paths.packagesDir())) {
                list.filter(p -> Files.isSymbolicLink(p.resolve(Pointers.CURRENT)))
                        .map(p -> p.getFileName().toString()).filter(n -> !n.equals(self)).forEach(local::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ServiceMapper.HostFacts(local);
    }

    /** Pure: the same plan from values (tests, render of what is already known). */
    public static ActivationPlan plan(String service, VersionRef target, Manifest manifest,
            Optional<ResolvedRuntime> runtime) {
        return plan(ServiceDefinition.ofPackage(service), target, manifest, runtime, ServiceMapper.HostFacts.DEFAULT);
    }

    /**
     * Pure: the plan of {@code def}'s service from values. {@code packageManifest} is the package's own; the
     * plan's manifest is the effective one (the definition's overrides applied).
     */
    public static ActivationPlan plan(ServiceDefinition def, VersionRef target, Manifest packageManifest,
            Optional<ResolvedRuntime> runtime, ServiceMapper.HostFacts facts) {
        String service = def.service();
        Manifest manifest = ManifestOverrides.apply(packageManifest, def.overrides());
        Release release = new Release(def.packageName(), target.version());
        ServiceSpec spec = ServiceMapper.map(def, manifest, target.digest(), runtime, facts);
        List<String> mounts = new ArrayList<>();
        for (Volume v : spec.volumes()) {
            mounts.add(v.mount());
        }
        RootfsPlan rootfs = RootfsPlan.of(service, runtime.isPresent(), mounts, new TreeMap<>());
        ReleaseFiles files = ReleaseFiles.of(release, rootfs.key(),
                EnvironmentFiles.render("environment", spec.environment()));
        // The installed unit reaches the version only through the `current` link (the same text for every
        // version: no daemon-reload); hooks and probes use this version's own release directory.
        Path live = UNIT_PATHS.liveRelease(service);
        InstallLayout layout = layout(service, rootfs, live.resolve(ReleaseFiles.APP), runtime)
                .withEnvironmentFile(live.resolve(ReleaseFiles.ENVIRONMENT));
        Path own = UNIT_PATHS.releaseDir(service, files.key());
        InstallLayout sandboxLayout = layout(service, rootfs,
                UNIT_PATHS.packageVersionDir(def.packageName(), target.version()), runtime)
                .withEnvironmentFile(own.resolve(ReleaseFiles.ENVIRONMENT));
        UnitFile unit = new UnitGenerator().service(spec, layout);
        UnitFile sandboxUnit = new UnitGenerator().service(spec, sandboxLayout);
        return new ActivationPlan(service, target, manifest, spec, layout, unit, UnitFileRenderer.render(unit),
                sandboxUnit, files, rootfs, def);
    }

    private static InstallLayout layout(String service, RootfsPlan rootfs, Path app,
            Optional<ResolvedRuntime> runtime) {
        InstallLayout layout = InstallLayout.withoutRuntime(UNIT_PATHS.rootfsDir(service, rootfs.key()), app,
                UNIT_PATHS.volumesDir(service), UNIT_PATHS.serviceDir(service));
        return runtime.isPresent() ? layout.withRuntime(runtime.get().usrDir(), "/usr") : layout;
    }

    private ResolvedRuntime runtime(online.niso.common.model.PackageRef use) {
        RuntimeRef ref = new RuntimeRef(use.name(), use.version().toString());
        Path dir = paths.runtimesDir().resolve(ref.name()).resolve(ref.version());
        if (!Files.isDirectory(dir.resolve("usr"))) {
            throw new InvalidInputException("runtime " + ref + " is not installed on this host; add it with"
                    + " `niso runtime add " + ref + " --from /usr/bin/<interpreter>`");
        }
        TreeSet<String> binaries = new TreeSet<>();
        Path bin = dir.resolve("usr/bin");
        if (Files.isDirectory(bin)) {
            try (Stream<Path> list = Files.list(bin)) {
                list.forEach(p -> binaries.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ResolvedRuntime(ref, UNIT_PATHS.runtimesDir().resolve(ref.name()).resolve(ref.version()),
                binaries);
    }
}
