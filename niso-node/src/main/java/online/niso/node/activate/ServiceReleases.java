package online.niso.node.activate;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.model.Version;
import online.niso.node.state.InstalledPackage;
import online.niso.node.store.NodePaths;
import online.niso.node.store.PackageStore;

/**
 * Read-only look-ups an activation needs: which versions of a package are installed (with digests), which
 * release a service's pointers name, and the definition that goes with it.
 */
final class ServiceReleases {
    private final NodePaths paths;
    private final Clock clock;
    private final Pointers pointers;
    private final DefinitionStore definitions;

    ServiceReleases(NodePaths paths, Clock clock, Pointers pointers, DefinitionStore definitions) {
        this.paths = paths;
        this.clock = clock;
        this.pointers = pointers;
        this.definitions = definitions;
    }

    /**
     * The service's stored definition: the one of its current release, else of its previous one (a
     * deactivated service), else the default (it runs the package of its own name).
     */
    ServiceDefinition definition(String service) {
        Optional<Release> r = pointers.currentRelease(service).or(() -> pointers.previousRelease(service));
        return r.map(x -> definitions.read(service, x)).orElseGet(() -> ServiceDefinition.ofPackage(service));
    }

    /** The definition of every service with a current release except {@code self}, by service name. */
    Map<String, ServiceDefinition> activeDefinitions(String self) {
        Map<String, ServiceDefinition> out = new TreeMap<>();
        if (!java.nio.file.Files.isDirectory(paths.packagesDir())) {
            return out;
        }
        try (var list = java.nio.file.Files.list(paths.packagesDir())) {
            for (java.nio.file.Path dir : list.toList()) {
                String name = dir.getFileName().toString();
                if (!name.equals(self) && online.niso.common.model.Names.isName(name)) {
                    pointers.currentRelease(name).ifPresent(r -> out.put(name, definitions.read(name, r)));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The version asked for, the definition's requested one, or the newest installed; with its digest. */
    VersionRef resolve(ServiceDefinition def, Optional<String> version) {
        String pkg = def.packageName();
        Map<String, String> installed = installed(pkg);
        String who = pkg.equals(def.service()) ? pkg : pkg + " (package of service " + def.service() + ")";
        if (installed.isEmpty()) {
            throw new InvalidInputException(who + " is not installed; install it first (niso install FILE)"
                    + " or pass --from FILE");
        }
        String v = version.or(def::requestedVersion).orElseGet(() -> installed.keySet().stream()
                .max(Comparator.comparing(Version::parse)).orElseThrow());
        if (!installed.containsKey(v)) {
            throw new InvalidInputException(who + " " + v + " is not installed (installed: "
                    + String.join(", ", installed.keySet()) + ")");
        }
        return new VersionRef(v, installed.get(v));
    }

    VersionRef ref(Release release) {
        String digest = installed(release.packageName()).get(release.version());
        if (digest == null) {
            throw new UnexpectedStateException(release.packageName() + " " + release.version()
                    + " is referenced by a pointer but not installed");
        }
        return new VersionRef(release.version(), digest);
    }

    Optional<VersionRef> current(String service) {
        return pointers.currentRelease(service).map(r -> new VersionRef(r.version(),
                installed(r.packageName()).getOrDefault(r.version(), "")));
    }

    Map<String, String> installed(String packageName) {
        Map<String, String> out = new TreeMap<>();
        for (InstalledPackage p : PackageStore.open(paths, clock).list(Optional.of(packageName))) {
            out.put(p.version(), p.digest());
        }
        return out;
    }
}
