package online.niso.node.activate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import online.niso.common.model.BinaryOverride;
import online.niso.common.model.BinarySpec;
import online.niso.common.model.EnvironmentSpec;
import online.niso.common.model.Manifest;
import online.niso.common.model.NetworkSpec;
import online.niso.common.model.ServiceSettings;
import online.niso.common.model.StackService;
import online.niso.common.model.StackVolume;
import online.niso.common.model.VolumeSpec;

/**
 * Pure: a stack entry's overrides applied to a package's manifest, giving the manifest the service actually
 * runs with (everything downstream — unit, network attach, probes, hooks — reads only this one).
 *
 * <ul>
 *   <li>environment: keys merged, the stack's values win;</li>
 *   <li>binary: each given field (entrypoint, args, working_dir) replaces the package's;</li>
 *   <li>ports: a non-empty list replaces the package's; networks: a non-empty list replaces the package's
 *       networks, in its order (the first is the primary: default route and published ports, see
 *       docs/activation.md);</li>
 *   <li>volumes: the stack's volumes replace the package's volumes of the same name and add the others, as
 *       named volumes (their stack-scoped location is {@link ServiceMapper}'s business);</li>
 *   <li>type: replaces the package's [service] type; a oneshot never restarts (Restart=no).</li>
 * </ul>
 */
public final class ManifestOverrides {
    private ManifestOverrides() {}

    public static Manifest apply(Manifest m, StackService o) {
        Map<String, String> env = new TreeMap<>(m.environment().variables());
        env.putAll(o.environment());
        EnvironmentSpec environment = new EnvironmentSpec(env, m.environment().envFile());

        BinarySpec binary = m.binary();
        if (o.binary().isPresent()) {
            BinaryOverride b = o.binary().get();
            binary = new BinarySpec(b.entrypoint().orElse(binary.entrypoint()), b.args().orElse(binary.args()),
                    b.workingDir().or(binary::workingDir));
        }

        NetworkSpec n = m.network();
        NetworkSpec net = new NetworkSpec(o.networks().isEmpty() ? n.networks() : o.networks(),
                o.ports().isEmpty() ? n.ports() : o.ports(), n.hostname(), n.ip(), n.policy());

        Map<String, VolumeSpec> volumes = new LinkedHashMap<>(m.volumes());
        for (StackVolume v : o.volumes().values()) {
            volumes.put(v.name(), new VolumeSpec.Named(v.name(), v.mount(), v.mode()));
        }

        ServiceSettings s = m.service();
        ServiceSettings.ServiceType type = o.type().orElse(s.type());
        ServiceSettings service = new ServiceSettings(type, s.user(), s.group(),
                type == ServiceSettings.ServiceType.ONESHOT ? ServiceSettings.RestartPolicy.NO : s.restart(),
                s.restartDelay(), s.after());

        return new Manifest(m.pkg(), binary, m.runtime(), environment, service, m.healthcheck(), net,
                m.isolation(), volumes, m.labels(), m.hooks(), m.copy(), m.secrets());
    }
}
