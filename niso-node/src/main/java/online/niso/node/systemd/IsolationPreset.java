package online.niso.node.systemd;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import online.niso.common.error.InvalidInputException;

/**
 * The six isolation presets of the docs' table. Each gives a base set of hardening directives
 * plus defaults (seccomp profile, capability set, no_new_privileges) that the manifest's
 * field-level overrides replace; see {@link IsolationDirectives} and docs/isolation.md.
 */
public enum IsolationPreset {
    /** Testing only: no hardening at all, runs as root with every capability. */
    NONE(false, Optional.empty(), null, false),
    /** Legacy apps that need root: private /tmp, /dev, IPC; Docker's default capabilities. */
    MINIMAL(false, Optional.of(Isolation.Seccomp.DEFAULT), Capabilities.DOCKER_DEFAULT, false),
    /** The default: HTTP APIs and web services; the docs' directive list (network and /dev/shm added by the generator). */
    SERVER(true, Optional.of(Isolation.Seccomp.DEFAULT), Set.of(), true),
    /** Untrusted code: server plus user namespace, UMask 0077, strict seccomp, tighter address families. */
    STRICT(true, Optional.of(Isolation.Seccomp.STRICT), Set.of(), true),
    /** Background jobs: server's hardening, lower CPU and I/O weight so interactive services win. */
    WORKER(true, Optional.of(Isolation.Seccomp.DEFAULT), Set.of(), true),
    /** Databases: server's hardening plus a high open-file limit and a higher I/O weight. */
    DATABASE(true, Optional.of(Isolation.Seccomp.DEFAULT), Set.of(), true);

    private final boolean dynamicUser;
    private final Optional<Isolation.Seccomp> seccomp;
    private final Set<String> capabilities; // null = unrestricted (every capability)
    private final boolean noNewPrivileges;

    IsolationPreset(boolean dynamicUser, Optional<Isolation.Seccomp> seccomp, Set<String> capabilities,
                    boolean noNewPrivileges) {
        this.dynamicUser = dynamicUser;
        this.seccomp = seccomp;
        this.capabilities = capabilities;
        this.noNewPrivileges = noNewPrivileges;
    }

    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IsolationPreset parse(String field, String value) {
        return Arrays.stream(values()).filter(p -> p.manifestName().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field + ": expected one of "
                        + Arrays.stream(values()).map(IsolationPreset::manifestName).collect(Collectors.joining(", "))
                        + ", got \"" + value + "\""));
    }

    /** True when the service runs under a transient DynamicUser= uid rather than root. */
    public boolean dynamicUser() {
        return dynamicUser;
    }

    /** The preset's seccomp profile; empty = no SystemCallFilter at all. */
    public Optional<Isolation.Seccomp> defaultSeccomp() {
        return seccomp;
    }

    /** The capability bounding set; empty Optional = unrestricted. */
    public Optional<Set<String>> defaultCapabilities() {
        return Optional.ofNullable(capabilities);
    }

    public boolean defaultNoNewPrivileges() {
        return noNewPrivileges;
    }

    /**
     * Filesystem, kernel and namespace hardening (everything except seccomp, capabilities,
     * NoNewPrivileges, network and resources, which {@link IsolationDirectives} composes).
     * MemoryDenyWriteExecute= is left out for JIT runtimes: V8 and the JVM map W+X memory and
     * die under it.
     */
    Directives hardening(boolean jitRuntime) {
        Directives d = new Directives();
        switch (this) {
            case NONE -> { }
            case MINIMAL -> d.set("PrivateDevices", "yes").set("PrivateIPC", "yes")
                    .set("ProtectKernelModules", "yes").set("ProtectKernelLogs", "yes")
                    .set("ProtectControlGroups", "yes").set("ProtectHostname", "yes").set("ProtectClock", "yes");
            case SERVER, WORKER, DATABASE, STRICT -> serverList(d, jitRuntime);
        }
        switch (this) {
            // PrivateMounts= keeps mounts made inside the service (none are possible without
            // capabilities, but user namespaces change that) from propagating to the host.
            case STRICT -> d.set("PrivateUsers", "yes").set("PrivateMounts", "yes").set("UMask", "0077");
            case WORKER -> d.set("CPUWeight", "50").set("IOWeight", "50");
            case DATABASE -> d.set("LimitNOFILE", "65536:65536").set("IOWeight", "200");
            default -> { }
        }
        return d;
    }

    /** The docs' server list, in the docs' order (PrivateTmp= comes from the rootfs mounts, always on). */
    private static void serverList(Directives d, boolean jitRuntime) {
        d.set("DynamicUser", "yes")
                .set("PrivateDevices", "yes").set("PrivateIPC", "yes")
                .set("ProtectSystem", "strict").set("ProtectHome", "yes")
                .set("ProtectProc", "invisible").set("ProcSubset", "pid")
                .set("ProtectKernelTunables", "yes").set("ProtectKernelModules", "yes")
                .set("ProtectKernelLogs", "yes").set("ProtectControlGroups", "yes")
                .set("ProtectHostname", "yes").set("ProtectClock", "yes")
                .set("RestrictNamespaces", "yes").set("RestrictRealtime", "yes").set("RestrictSUIDSGID", "yes")
                .set("LockPersonality", "yes");
        if (!jitRuntime) {
            d.set("MemoryDenyWriteExecute", "yes");
        }
    }
}
