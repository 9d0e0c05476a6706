package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import org.junit.jupiter.api.Test;

/** One `systemctl show` for several units: the command line and the per-unit blocks of its output. */
class SystemctlShowUnitsTest {

    @Test
    void commandNamesEveryUnitAfterTheProperties() {
        assertThat(SystemctlCommands.showUnits(List.of("niso-network.service", "niso-api.service"),
                List.of("UnitFileState", "ActiveState")).argv())
                .containsExactly("systemctl", "show", "-p", "ActiveState", "-p", "UnitFileState", "--",
                        "niso-network.service", "niso-api.service");
    }

    @Test
    void blocksAreSplitOnEmptyLinesInUnitOrder() {
        // As systemd 252 prints it: one block per unit, an empty line between, values may be empty.
        String out = "ActiveState=active\nUnitFileState=enabled\n\nActiveState=failed\nUnitFileState=\n";

        List<Map<String, String>> blocks = SystemctlCommands.parseShowBlocks(out, 2);

        assertThat(blocks.get(0)).isEqualTo(Map.of("ActiveState", "active", "UnitFileState", "enabled"));
        assertThat(blocks.get(1)).containsEntry("ActiveState", "failed").containsEntry("UnitFileState", "");
    }

    @Test
    void aValueWithAnEqualsSignIsKeptWhole() {
        assertThat(SystemctlCommands.parseShowBlocks("Description=a=b\n", 1).get(0))
                .containsEntry("Description", "a=b");
    }

    @Test
    void aBlockCountOtherThanTheUnitsIsAnError() {
        assertThatThrownBy(() -> SystemctlCommands.parseShowBlocks("ActiveState=active\n", 2))
                .hasMessageContaining("1 blocks for 2 units");
        assertThatThrownBy(() -> SystemctlCommands.parseShowBlocks("", 1)).hasMessageContaining("0 blocks");
    }

    @Test
    void processRunsOneCommandForTwoUnitsAndOneForOne() {
        List<Cmd> ran = new ArrayList<>();
        SystemctlProcess p = new SystemctlProcess((cmd, stdin, timeout) -> {
            ran.add(cmd);
            String out = cmd.argv().stream().filter(a -> a.endsWith(".service")).count() == 2 ? "ActiveState=active\n\nActiveState=inactive\n" : "ActiveState=active\n";
            return new CmdResult(cmd, 0, out, "");
        });

        List<Map<String, String>> two = p.showUnits(List.of("a.service", "b.service"), List.of("ActiveState"));
        List<Map<String, String>> one = p.showUnits(List.of("a.service"), List.of("ActiveState"));

        assertThat(ran).hasSize(2);
        assertThat(two).extracting(m -> m.get("ActiveState")).containsExactly("active", "inactive");
        assertThat(one).extracting(m -> m.get("ActiveState")).containsExactly("active");
        assertThat(ran.get(0).argv()).endsWith("a.service", "b.service");
    }
}
