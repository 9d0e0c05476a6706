package online.niso.node.systemd;

import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Preset → directives, then the manifest's [isolation.security] overrides on top, then the
 * network mode. Resources are in {@link ResourceDirectives}.
 *
 * <p>Override semantics (docs/isolation.md): {@code seccomp} replaces the preset's profile;
 * {@code capabilities_add} widens the bounding set and (for DynamicUser presets) grants the
 * capabilities as ambient ones so the unprivileged process really holds them;
 * {@code capabilities_drop} removes from both and wins over add ("ALL" drops everything);
 * {@code no_new_privileges} sets NoNewPrivileges= explicitly.
 */
final class IsolationDirectives {
    private static final String FIELD = "isolation.security";

    private IsolationDirectives() {}

    static Directives of(ServiceSpec spec) {
        IsolationPreset preset = spec.isolation().preset();
        Isolation.Security security = spec.isolation().security();
        Directives d = preset.hardening(spec.jitRuntime());

        boolean nnp = security.noNewPrivileges().orElse(preset.defaultNoNewPrivileges());
        if (nnp || security.noNewPrivileges().isPresent()) {
            d.set("NoNewPrivileges", nnp ? "yes" : "no");
        }
        capabilities(d, preset, security);
        seccomp(d, security.seccomp().or(preset::defaultSeccomp));
        network(d, spec.network(), preset);
        return d;
    }

    private static void capabilities(Directives d, IsolationPreset preset, Isolation.Security security) {
        SortedSet<String> add = Capabilities.normalizeAll(FIELD + ".capabilities_add", security.capabilitiesAdd());
        SortedSet<String> drop = Capabilities.normalizeAll(FIELD + ".capabilities_drop", security.capabilitiesDrop());
        Optional<Set<String>> base = preset.defaultCapabilities();
        if (base.isPresent()) {
            SortedSet<String> bounding = new TreeSet<>(base.get());
            bounding.addAll(add);
            bounding.removeAll(drop);
            d.set("CapabilityBoundingSet", String.join(" ", bounding));
        } else if (!drop.isEmpty()) {
            d.set("CapabilityBoundingSet", "~" + String.join(" ", drop));
        }
        if (preset.dynamicUser()) {
            // A DynamicUser process is not root: a capability in the bounding set alone is never
            // effective, so added capabilities must also be ambient.
            SortedSet<String> ambient = new TreeSet<>(add);
            ambient.removeAll(drop);
            d.set("AmbientCapabilities", String.join(" ", ambient));
        }
    }

    private static void seccomp(Directives d, Optional<Isolation.Seccomp> profile) {
        if (profile.isEmpty()) {
            return;
        }
        d.remove("SystemCallFilter");
        d.add("SystemCallFilter", "@system-service");
        if (profile.get() == Isolation.Seccomp.STRICT) {
            // Not needed by unprivileged services: setuid/chown/capset/clock/swap/module/raw-io
            // (@privileged) and changing rlimits, priorities or affinities (@resources).
            d.add("SystemCallFilter", "~@privileged @resources");
            d.set("SystemCallArchitectures", "native");
        }
        d.set("SystemCallErrorNumber", "EPERM");
    }

    private static void network(Directives d, NetworkMode mode, IsolationPreset preset) {
        boolean hardened = preset.dynamicUser();
        if (mode instanceof NetworkMode.Namespace ns) {
            d.set("NetworkNamespacePath", SystemdEscaping.path("network.namespace", ns.path().toString()));
            // systemd ignores PrivateNetwork= when NetworkNamespacePath= is set (systemd.exec(5)); it
            // is written anyway so the unit states, for readers and `systemd-analyze security`, that
            // the service does not share the host's network namespace.
            d.set("PrivateNetwork", "yes");
            if (hardened) {
                // Inside its own namespace a service has no reason to talk netlink or raw families.
                d.set("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6");
            }
        } else if (mode instanceof NetworkMode.None) {
            d.set("PrivateNetwork", "yes");
            if (hardened) {
                d.set("RestrictAddressFamilies", "AF_UNIX");
                d.set("IPAddressDeny", "any");
            }
        } else if (hardened) {
            // The host namespace is shared: no AF_PACKET or other exotic families. Netlink stays
            // for getifaddrs() (e.g. Node's os.networkInterfaces()) except under strict.
            d.set("RestrictAddressFamilies", preset == IsolationPreset.STRICT
                    ? "AF_UNIX AF_INET AF_INET6" : "AF_UNIX AF_INET AF_INET6 AF_NETLINK");
        }
    }
}
