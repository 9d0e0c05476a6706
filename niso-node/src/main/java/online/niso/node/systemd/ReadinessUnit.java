package online.niso.node.systemd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.cmd.Cmd;

/**
 * {@code niso-ready@.service}: readiness after the probe, in systemd's own terms. The instance
 * {@code niso-ready@<service>.service} is a oneshot that runs {@code niso health <service> --await} after the
 * service started and stays active while it runs; it becomes active only once the service's health check
 * passed (at once for a service without one). A dependent orders itself {@code After=} and {@code Requires=}
 * the instance, so "started after its dependency" means "after its dependency is healthy" — after a reboot
 * too, with no niso process in charge.
 *
 * <p>Why a unit of its own and not {@code ExecStartPost=+niso health …} in the service: {@code +} lifts
 * privileges but neither {@code RootDirectory=} (systemd#43010) nor bind mounts, and a service's runtime is
 * bound over {@code /usr}, which hides the host's {@code /usr/bin/java} and {@code /bin/sh} from any helper
 * run inside the service's unit.
 */
public final class ReadinessUnit {
    public static final String TEMPLATE = "niso-ready@.service";

    private ReadinessUnit() {}

    /** The instance for {@code service}. */
    public static String instance(String service) {
        return "niso-ready@" + service + ".service";
    }

    /** Pure: the template for the given niso executable and (non-default) root prefix. */
    public static UnitFile template(Path nisoExecutable, Optional<Path> root) {
        List<String> argv = new ArrayList<>(List.of(nisoExecutable.toString(), "health", "%i", "--await"));
        root.ifPresent(r -> argv.addAll(List.of("--root", r.toString())));
        String exec = String.join(" ", argv.stream().map(a -> a.equals("%i") ? a : Cmd.quote(a).replace("%", "%%"))
                .toList());
        return new UnitFile(TEMPLATE, List.of(
                new Section("Unit", List.of(
                        new Entry("Description", "niso %i is healthy"),
                        // Started after the service, stopped and restarted with it.
                        new Entry("After", "niso-%i.service"),
                        new Entry("BindsTo", "niso-%i.service"),
                        new Entry("PartOf", "niso-%i.service"))),
                new Section("Service", List.of(
                        new Entry("Type", "oneshot"),
                        new Entry("RemainAfterExit", "yes"),
                        // niso health --await bounds itself by the health check's own timing.
                        new Entry("ExecStart", exec)))));
    }
}
