package online.niso.node.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.cmd.Cmd;
import online.niso.node.systemd.Entry;
import online.niso.node.systemd.Section;
import online.niso.node.systemd.UnitFile;

/**
 * {@code niso-network.service}: bridges, namespaces and nftables vanish at reboot; this oneshot
 * re-creates them from the state DB before any niso service starts. Service units order
 * themselves after it ({@code After=} + {@code Requires=} {@value #NAME}).
 */
public final class NetworkBootUnit {
    public static final String NAME = "niso-network.service";

    private NetworkBootUnit() {}

    /** Pure: the unit for the given niso executable and (non-default) root prefix. */
    public static UnitFile unit(Path nisoExecutable, Optional<Path> root) {
        List<String> argv = new ArrayList<>(List.of(nisoExecutable.toString(), "net", "restore"));
        root.ifPresent(r -> argv.addAll(List.of("--root", r.toString())));
        String exec = String.join(" ", argv.stream().map(Cmd::quote).toList());
        return new UnitFile(NAME, List.of(
                new Section("Unit", List.of(
                        new Entry("Description", "niso networks: bridges, namespaces and nftables from the state DB"),
                        new Entry("Documentation", "https://niso.online/docs/networking"),
                        new Entry("After", "local-fs.target network-pre.target"),
                        new Entry("Wants", "network-pre.target"),
                        new Entry("Before", "multi-user.target"))),
                new Section("Service", List.of(
                        new Entry("Type", "oneshot"),
                        new Entry("RemainAfterExit", "yes"),
                        new Entry("ExecStart", exec))),
                new Section("Install", List.of(new Entry("WantedBy", "multi-user.target")))));
    }
}
