package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineSnapshotTest {

    private static MachineSnapshot snap(List<String> links, List<String> processes) {
        return new MachineSnapshot(List.of("/ ext4 /dev/vda /"), List.of("net:[1]"), links, List.of("/"),
                List.of(), processes);
    }

    @Test
    void equalSnapshotsHaveNoDiff() {
        assertThat(snap(List.of("lo"), List.of()).diff(snap(List.of("lo"), List.of()))).isEmpty();
    }

    @Test
    void diffNamesWhatAppearedAndWhatVanished() {
        MachineSnapshot before = snap(List.of("eth0", "lo"), List.of());
        MachineSnapshot after = snap(List.of("lo", "nthj1abbr (bridge)"), List.of("/lib/systemd/systemd [pid:[9]]"));
        assertThat(before.diff(after)).containsExactly(
                "links: + nthj1abbr (bridge)",
                "links: - eth0",
                "processes: + /lib/systemd/systemd [pid:[9]]");
    }
}
