package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.Test;

/** A JVM that exits without closing its fleet still leaves nothing behind: the shutdown hook tears it down. */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "setsid", "flock", "ssh", "ssh-keygen"})
class ShutdownHookTest {

    @Test
    void exitingTheJvmWithoutCloseTearsTheFleetDown() throws Exception {
        MachineSnapshot before = MachineSnapshot.take();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ShutdownHookProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).as("the child booted a running host").containsPattern("j[a-z0-9]{3} running");
        String instance = out.strip().split("\\s+")[0];
        assertThat(TestFleet.RUN_ROOT.resolve(instance)).doesNotExist();
        assertThat(before.diff(MachineSnapshot.take())).isEmpty();
    }
}
