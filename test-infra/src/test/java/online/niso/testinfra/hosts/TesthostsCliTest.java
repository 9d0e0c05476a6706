package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.Test;

/** The command people (and the demo) use: what `up` and `status` print works as printed. */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "setsid", "flock", "ssh", "ssh-keygen"})
class TesthostsCliTest {

    private static final Map<String, String> ENV = Map.of("PATH", TestHostsCommands.GUEST_PATH);
    private static final Duration T = Duration.ofMinutes(2);

    @Test
    void upPrintsWorkingSshLinesStatusFollowsTheHostsAndDownRemovesEverything() {
        MachineSnapshot before = MachineSnapshot.take();
        Path bin = Scripts.extract();
        String script = bin.resolve("testhosts").toString();
        String id = "c" + TestFleet.newInstanceId(new java.util.Random(ProcessHandle.current().pid())).substring(1);
        try {
            ExecResult up = run("bash", script, "--instance", id, "up", "2", "--owner",
                    Long.toString(ProcessHandle.current().pid()));
            List<String> lines = up.stdout().lines().toList();
            assertThat(lines.get(0)).matches("HOST +IP +STATE +SSH");
            String sshConfig = "/var/tmp/niso-testhosts/" + id + "/ssh_config";
            assertThat(lines.get(1)).matches("th1 +10\\.231\\.\\d+\\.11 +running +ssh -F " + sshConfig + " th1");
            assertThat(lines.get(2)).matches("th2 +10\\.231\\.\\d+\\.12 +running +ssh -F " + sshConfig + " th2");

            String printedSsh = lines.get(2).substring(lines.get(2).indexOf("ssh -F"));
            assertThat(run("sh", "-c", printedSsh + " hostname").stdout()).isEqualTo("th2\n");

            run("bash", script, "--instance", id, "poweroff", "th2");
            assertThat(run("bash", script, "--instance", id, "status").stdout())
                    .containsPattern("th1 +\\S+ +running").containsPattern("th2 +\\S+ +stopped");
        } finally {
            run("bash", script, "--instance", id, "down");
            Scripts.delete(bin);
        }
        assertThat(before.diff(MachineSnapshot.take())).isEmpty();
    }

    private static ExecResult run(String... argv) {
        return LocalProcess.run(Argv.of(argv), T, null, ENV).orThrow();
    }
}
