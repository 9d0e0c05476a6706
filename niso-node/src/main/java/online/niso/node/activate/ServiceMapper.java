package online.niso.node.activate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.AccessMode;
import online.niso.common.model.Manifest;
import online.niso.common.model.Resources;
import online.niso.common.model.Security;
import online.niso.common.model.Ulimit;
import online.niso.common.model.VolumeSpec;
import online.niso.node.net.NetNames;
import online.niso.node.net.NetworkBootUnit;
import online.niso.node.systemd.InstallLayout;
import online.niso.node.systemd.NetworkMode;
import online.niso.node.systemd.ReadinessUnit;
import online.niso.node.systemd.Isolation;
import online.niso.node.systemd.IsolationPreset;
import online.niso.node.systemd.RestartPolicy;
import online.niso.node.systemd.ServiceSpec;
import online.niso.node.systemd.ServiceType;
import online.niso.node.systemd.Volume;

/**
 * Pure: manifest + resolved runtime → {@link ServiceSpec}. No disk, no clock; everything the mapping needs
 * from the host (runtime binaries) arrives as values.
 */
public final class ServiceMapper {
    /** Runtimes whose engines JIT-compile into W+X memory (MemoryDenyWriteExecute= would kill them). */
    private static final Set<String> JIT_RUNTIMES = Set.of("node", "nodejs", "java", "jdk", "jre", "openjdk",
            "deno", "bun", "dotnet", "graalvm");
    /** Default size of a [volumes] tmpfs without a size: Docker's /dev/shm default, not half the host's RAM. */
    static final long DEFAULT_TMPFS_BYTES = 64L * 1024 * 1024;
    private static final List<String> UNIT_SUFFIXES = List.of(".service", ".socket", ".target", ".mount",
            ".timer", ".path", ".slice");

    /** Units name real host paths (whatever --root is). */
    private static final online.niso.node.store.NodePaths STACK_PATHS = online.niso.node.store.NodePaths.of(Path.of("/"));

    private ServiceMapper() {}

    /**
     * What the mapping needs from the host beyond the manifest, read beforehand: the services activated on
     * this host (a {@code depends_on} entry becomes systemd ordering only for those; cross-host dependencies
     * are the fleet's job).
     */
    public record HostFacts(Set<String> localServices) {
        public static final HostFacts DEFAULT = new HostFacts(Set.of());

        public HostFacts {
            localServices = Set.copyOf(localServices);
        }
    }

    public static ServiceSpec map(String service, Manifest m, String digest, Optional<ResolvedRuntime> runtime) {
        return map(ServiceDefinition.ofPackage(service), m, digest, runtime, HostFacts.DEFAULT);
    }

    /**
     * {@code m} is the effective manifest (the definition's overrides already applied by
     * {@link ManifestOverrides}); {@code def} adds what is not a manifest field: {@code depends_on} ordering and
     * the stack-scoped location of the stack's volumes.
     */
    public static ServiceSpec map(ServiceDefinition def, Manifest m, String digest, Optional<ResolvedRuntime> runtime,
            HostFacts facts) {
        String service = def.service();
        ServiceSpec.Builder b = ServiceSpec.builder(service, m.pkg().name(), m.pkg().version().toString(), digest);
        b.entrypoint(entrypoint(m.binary().entrypoint(), runtime), m.binary().args().toArray(String[]::new));
        b.workingDir(inApp("binary.working_dir", m.binary().workingDir().orElse(InstallLayout.APP_MOUNT)));
        b.env(m.environment().variables());
        m.environment().envFile().ifPresent(f -> b.envFile(Path.of(f)));
        m.secrets().forEach((name, file) -> b.credential(name, Path.of(file)));
        b.restart(RestartPolicy.valueOf(m.service().restart().name()), m.service().restartDelay());
        b.type(ServiceType.valueOf(m.service().type().name()));
        b.stop(m.runtime().stopSignal(), m.runtime().stopTimeout());
        // Every service runs in its own network namespace (/run/netns/niso-<name>), which niso-network.service
        // re-creates at boot: the unit must not start before it, nor without it.
        List<String> after = new ArrayList<>(List.of(NetworkBootUnit.NAME));
        m.service().after().stream().map(ServiceMapper::unitName).filter(u -> !after.contains(u)).forEach(after::add);
        // depends_on (started, healthy, completed alike): systemd starts the dependency first, and this one
        // only once the dependency's readiness unit is active — after its probe passed (at once without a
        // health check; a oneshot's unit is active only after its job exited 0). Holds after a reboot too.
        List<String> requires = new ArrayList<>(List.of(NetworkBootUnit.NAME));
        new java.util.TreeSet<>(def.overrides().dependsOn().keySet()).stream()
                .filter(dep -> !dep.equals(service) && facts.localServices().contains(dep))
                .flatMap(dep -> java.util.stream.Stream.of("niso-" + dep + ".service", ReadinessUnit.instance(dep)))
                .forEach(u -> {
                    after.add(u);
                    requires.add(u);
                });
        b.after(after.toArray(String[]::new));
        b.requires(requires.toArray(String[]::new));
        // No Wants= on this service's own readiness unit: a dependent's Requires= starts it when (and only when)
        // something waits for this service — otherwise every start, upgrade and reboot would run one more
        // `niso health --await` JVM beside the service for nobody.
        b.network(NetworkMode.namespace(NetNames.netnsPath(service)));
        b.isolation(isolation(m.isolation()));
        for (VolumeSpec v : m.volumes().values()) {
            Volume vol = volume(v);
            if (def.stack().isPresent() && def.overrides().volumes().containsKey(v.name())
                    && vol instanceof Volume.Named n) {
                vol = new Volume.Named(n.name(), n.mount(), n.readOnly(), Optional.of(
                        STACK_PATHS.stackVolumesDir(def.stack().get()).resolve(n.name())));
            }
            b.volume(vol);
        }
        b.jitRuntime(isJit(m.binary().entrypoint(), runtime));
        return b.build();
    }

    /**
     * "bin/api" or "/app/bin/api" → itself under /app; "python3" → the runtime's /usr/bin/python3 when the
     * runtime has it; any other bare name "my-api" → /app/bin/my-api.
     */
    static String entrypoint(String entry, Optional<ResolvedRuntime> runtime) {
        if (entry.isBlank()) {
            throw new InvalidInputException("binary.entrypoint: must not be empty");
        }
        if (entry.startsWith("/")) {
            return entry;
        }
        if (entry.contains("/")) {
            return inApp("binary.entrypoint", entry);
        }
        if (runtime.isPresent() && runtime.get().binaries().contains(entry)) {
            return "/usr/bin/" + entry;
        }
        return InstallLayout.APP_MOUNT + "/bin/" + entry;
    }

    static boolean isJit(String entry, Optional<ResolvedRuntime> runtime) {
        String base = entry.substring(entry.lastIndexOf('/') + 1);
        return JIT_RUNTIMES.contains(base) || runtime.map(r -> JIT_RUNTIMES.contains(r.ref().name())).orElse(false);
    }

    private static String inApp(String field, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new InvalidInputException(field + ": \"" + path + "\" leaves the package (contains ..)");
            }
        }
        return Path.of(InstallLayout.APP_MOUNT, path).normalize().toString();
    }

    private static String unitName(String after) {
        return UNIT_SUFFIXES.stream().anyMatch(after::endsWith) ? after : "niso-" + after + ".service";
    }

    static Isolation isolation(online.niso.common.model.Isolation i) {
        IsolationPreset preset = IsolationPreset.valueOf(i.preset().name());
        return new Isolation(preset, resources(i.resources()), security(i.security()));
    }

    private static Isolation.Resources resources(Resources r) {
        Isolation.Resources out = Isolation.Resources.none();
        if (r.memoryMax().isPresent()) {
            out = out.memoryMax(r.memoryMax().get().bytes());
        }
        if (r.memoryHigh().isPresent()) {
            out = out.memoryHigh(r.memoryHigh().get().bytes());
        }
        if (r.cpuMax().isPresent()) {
            out = out.cpuPercent(r.cpuMax().get().percent());
        }
        if (r.pidsLimit().isPresent()) {
            out = out.pidsLimit(r.pidsLimit().getAsInt());
        }
        if (r.ioWeight().isPresent()) {
            out = out.ioWeight(r.ioWeight().getAsInt());
        }
        if (r.shmSize().isPresent()) {
            out = out.shmSize(r.shmSize().get().bytes());
        }
        for (Map.Entry<String, Ulimit> e : r.ulimits().entrySet()) {
            out = out.ulimit(e.getKey(), limit(e.getValue().soft()), limit(e.getValue().hard()));
        }
        return out;
    }

    /** The config model spells infinity Long.MAX_VALUE, the unit generator -1. */
    private static long limit(long v) {
        return v == Ulimit.INFINITY ? Isolation.Ulimit.INFINITY : v;
    }

    private static Isolation.Security security(Security s) {
        return new Isolation.Security(
                s.seccomp().map(x -> Isolation.Seccomp.valueOf(x.name().toUpperCase(Locale.ROOT))),
                new ArrayList<>(s.capabilitiesAdd()), new ArrayList<>(s.capabilitiesDrop()), s.noNewPrivileges());
    }

    private static Volume volume(VolumeSpec v) {
        if (v instanceof VolumeSpec.Named n) {
            return new Volume.Named(n.name(), n.mount(), n.mode() == AccessMode.READ_ONLY);
        }
        if (v instanceof VolumeSpec.Tmpfs t) {
            return new Volume.Tmpfs(t.name(), t.mount(), t.size().map(s -> s.bytes()).orElse(DEFAULT_TMPFS_BYTES));
        }
        VolumeSpec.Bind bind = (VolumeSpec.Bind) v;
        return new Volume.HostBind(bind.name(), Path.of(bind.hostPath()), bind.mount(),
                bind.mode() == AccessMode.READ_ONLY);
    }
}
