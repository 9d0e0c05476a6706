package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.Test;

/**
 * Teardown leaves no processes, mounts, network namespaces, veths, bridges, cgroups or nft rules behind, whatever
 * state the hosts were in (frozen, powered off, cut off, rebooted, with their own nft rules and services).
 */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "setsid", "flock", "ssh", "ssh-keygen", "nft"})
class TeardownLeavesNothingTest {

    @Test
    void closingAFleetInEveryKindOfStateLeavesTheMachineAsItWas() {
        MachineSnapshot before = MachineSnapshot.take();
        TestFleet fleet = TestFleet.start(4);
        try {
            assertThat(before.diff(MachineSnapshot.take())).as("a running fleet is visible to the snapshot")
                    .anyMatch(d -> d.contains("links: + nth" + fleet.instance() + "br (bridge)"))
                    .anyMatch(d -> d.startsWith("processes: + ") && d.contains("/lib/systemd/systemd"))
                    .anyMatch(d -> d.startsWith("cgroups: + /niso-testhosts/" + fleet.instance()))
                    .anyMatch(d -> d.startsWith("mounts: + " + fleet.runDir()))
                    .anyMatch(d -> d.startsWith("network namespaces: + "));
            fleet.host(1).ssh("systemd-run --unit=niso-busy sleep infinity"
                    + " && nft add table inet niso_left && nft add chain inet niso_left c").orThrow();
            fleet.host(1).freeze();
            fleet.host(2).powerOff();
            fleet.host(3).cutNetwork();
            fleet.host(4).reboot();
        } finally {
            fleet.close();
        }
        assertThat(before.diff(MachineSnapshot.take())).as("left on the machine after teardown").isEmpty();
        assertThat(fleet.runDir()).doesNotExist();
    }

    @Test
    void closeIsIdempotent() {
        MachineSnapshot before = MachineSnapshot.take();
        TestFleet fleet = TestFleet.start(1);
        fleet.close();
        fleet.close();
        assertThat(before.diff(MachineSnapshot.take())).isEmpty();
    }

    /** Guards the snapshot itself: a leftover of the kind teardown must remove does show up in the diff. */
    @Test
    void theSnapshotSeesALeftoverBridge() {
        MachineSnapshot before = MachineSnapshot.take();
        Map<String, String> env = Map.of("PATH", TestHostsCommands.GUEST_PATH);
        LocalProcess.run(Argv.of("ip", "link", "add", "nthzzzzbr", "type", "bridge"), Duration.ofSeconds(10), null, env)
                .orThrow();
        try {
            assertThat(before.diff(MachineSnapshot.take())).containsExactly("links: + nthzzzzbr (bridge)");
        } finally {
            LocalProcess.run(Argv.of("ip", "link", "del", "nthzzzzbr"), Duration.ofSeconds(10), null, env).orThrow();
        }
        assertThat(before.diff(MachineSnapshot.take())).isEmpty();
    }
}
