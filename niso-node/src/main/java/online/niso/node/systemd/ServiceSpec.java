package online.niso.node.systemd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything unit generation needs, already resolved from the manifest (and stack) into typed
 * values. The mapper Manifest → ServiceSpec lives with activation; this record has no parsing.
 *
 * @param name           service name; the unit is {@code niso-<name>.service}
 * @param packageName    provenance, rendered as X-Niso-Package=
 * @param packageVersion provenance, rendered as X-Niso-Version=
 * @param packageDigest  provenance, rendered as X-Niso-Digest= (e.g. sha256:…)
 * @param entrypoint     absolute path inside the rootfs, e.g. /app/bin/api or /usr/local/bin/node
 * @param args           arguments, passed verbatim (escaped for systemd by the generator)
 * @param workingDir     absolute path inside the rootfs
 * @param environment    variables; rendered sorted by name
 * @param envFile        host path of an env file, read by systemd (optional)
 * @param credentials    credential name → host file; rendered as LoadCredential=, never as env
 * @param jitRuntime     true for V8/JVM-style runtimes that need writable+executable memory
 * @param wants          units started along with this one (Wants=), e.g. its readiness unit
 */
public record ServiceSpec(String name, String packageName, String packageVersion, String packageDigest,
                          String entrypoint, List<String> args, String workingDir,
                          SortedMap<String, String> environment, Optional<Path> envFile,
                          SortedMap<String, Path> credentials, RestartPolicy restart, Duration restartDelay,
                          String stopSignal, Duration stopTimeout, ServiceType type, List<String> after,
                          List<String> requires, Isolation isolation, List<Volume> volumes, boolean jitRuntime,
                          NetworkMode network, List<String> wants) {
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(packageVersion, "packageVersion");
        Objects.requireNonNull(packageDigest, "packageDigest");
        Objects.requireNonNull(entrypoint, "entrypoint");
        args = List.copyOf(args);
        Objects.requireNonNull(workingDir, "workingDir");
        environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
        Objects.requireNonNull(envFile, "envFile");
        credentials = Collections.unmodifiableSortedMap(new TreeMap<>(credentials));
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(restartDelay, "restartDelay");
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(type, "type");
        after = List.copyOf(after);
        requires = List.copyOf(requires);
        Objects.requireNonNull(isolation, "isolation");
        volumes = List.copyOf(volumes);
        Objects.requireNonNull(network, "network");
        wants = List.copyOf(wants);
    }

    public String unitName() {
        return "niso-" + name + ".service";
    }

    public static Builder builder(String name, String packageName, String packageVersion, String packageDigest) {
        return new Builder(name, packageName, packageVersion, packageDigest);
    }

    /** Defaults: working dir /app, Restart=on-failure after 1s, SIGTERM with 30s, simple, server, host network. */
    public static final class Builder {
        private final String name;
        private final String packageName;
        private final String packageVersion;
        private final String packageDigest;
        private String entrypoint;
        private List<String> args = List.of();
        private String workingDir = InstallLayout.APP_MOUNT;
        private final SortedMap<String, String> environment = new TreeMap<>();
        private Optional<Path> envFile = Optional.empty();
        private final SortedMap<String, Path> credentials = new TreeMap<>();
        private RestartPolicy restart = RestartPolicy.ON_FAILURE;
        private Duration restartDelay = Duration.ofSeconds(1);
        private String stopSignal = "SIGTERM";
        private Duration stopTimeout = Duration.ofSeconds(30);
        private ServiceType type = ServiceType.SIMPLE;
        private List<String> after = List.of();
        private List<String> requires = List.of();
        private List<String> wants = List.of();
        private Isolation isolation = Isolation.of(IsolationPreset.SERVER);
        private final List<Volume> volumes = new ArrayList<>();
        private boolean jitRuntime;
        private NetworkMode network = NetworkMode.host();

        private Builder(String name, String packageName, String packageVersion, String packageDigest) {
            this.name = name;
            this.packageName = packageName;
            this.packageVersion = packageVersion;
            this.packageDigest = packageDigest;
        }

        public Builder entrypoint(String path, String... arguments) {
            this.entrypoint = path;
            this.args = List.of(arguments);
            return this;
        }

        public Builder args(List<String> arguments) {
            this.args = List.copyOf(arguments);
            return this;
        }

        public Builder workingDir(String dir) {
            this.workingDir = dir;
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> vars) {
            environment.putAll(vars);
            return this;
        }

        public Builder envFile(Path file) {
            this.envFile = Optional.of(file);
            return this;
        }

        public Builder credential(String credentialName, Path hostFile) {
            credentials.put(credentialName, hostFile);
            return this;
        }

        public Builder restart(RestartPolicy policy, Duration delay) {
            this.restart = policy;
            this.restartDelay = delay;
            return this;
        }

        public Builder stop(String signal, Duration timeout) {
            this.stopSignal = signal;
            this.stopTimeout = timeout;
            return this;
        }

        public Builder type(ServiceType serviceType) {
            this.type = serviceType;
            return this;
        }

        public Builder after(String... units) {
            this.after = List.of(units);
            return this;
        }

        public Builder requires(String... units) {
            this.requires = List.of(units);
            return this;
        }

        public Builder isolation(Isolation value) {
            this.isolation = value;
            return this;
        }

        public Builder preset(IsolationPreset preset) {
            this.isolation = new Isolation(preset, isolation.resources(), isolation.security());
            return this;
        }

        public Builder volume(Volume volume) {
            volumes.add(volume);
            return this;
        }

        public Builder jitRuntime(boolean value) {
            this.jitRuntime = value;
            return this;
        }

        public Builder network(NetworkMode mode) {
            this.network = mode;
            return this;
        }

        public Builder wants(String... units) {
            this.wants = List.of(units);
            return this;
        }

        public ServiceSpec build() {
            return new ServiceSpec(name, packageName, packageVersion, packageDigest, entrypoint, args, workingDir,
                    environment, envFile, credentials, restart, restartDelay, stopSignal, stopTimeout, type, after,
                    requires, isolation, volumes, jitRuntime, network, wants);
        }
    }
}
