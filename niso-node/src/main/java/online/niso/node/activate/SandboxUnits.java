package online.niso.node.activate;

import java.util.ArrayList;
import java.util.List;
import online.niso.node.systemd.Entry;
import online.niso.node.systemd.Section;
import online.niso.node.systemd.UnitFile;

/** Pure: the unit a hook's sandbox copies its properties from. */
final class SandboxUnits {
    private SandboxUnits() {}

    /**
     * Before a service's first activation its namespace does not exist yet, and systemd refuses to start a
     * unit whose {@code NetworkNamespacePath=} is missing. Its pre_activate hook then runs with
     * {@code PrivateNetwork=yes} (loopback only) instead: still not the host's network.
     */
    static UnitFile forHook(UnitFile unit, boolean namespaceExists) {
        if (namespaceExists) {
            return unit;
        }
        List<Section> sections = new ArrayList<>();
        for (Section s : unit.sections()) {
            if (!s.name().equals("Service")) {
                sections.add(s);
                continue;
            }
            List<Entry> entries = new ArrayList<>();
            for (Entry e : s.entries()) {
                if (!e.key().equals("NetworkNamespacePath")) {
                    entries.add(e);
                }
            }
            sections.add(new Section(s.name(), entries));
        }
        return new UnitFile(unit.name(), sections);
    }
}
