package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestHostsCommandsTest {

    private static final Path SCRIPT = Path.of("/var/tmp/niso-testhosts/jabc/bin/testhosts");

    @Test
    void upPassesTheOwnerSoACrashedRunCanBeRecognized() {
        assertThat(TestHostsCommands.up(SCRIPT, "jabc", 3, 4242).render())
                .isEqualTo("bash /var/tmp/niso-testhosts/jabc/bin/testhosts --instance jabc up 3 --owner 4242");
    }

    @Test
    void downAndHostActionsNameTheInstance() {
        assertThat(TestHostsCommands.down(SCRIPT, "jabc").render())
                .isEqualTo("bash /var/tmp/niso-testhosts/jabc/bin/testhosts --instance jabc down");
        assertThat(TestHostsCommands.hostAction(SCRIPT, "jabc", "poweroff", "th2").render())
                .isEqualTo("bash /var/tmp/niso-testhosts/jabc/bin/testhosts --instance jabc poweroff th2");
        assertThat(TestHostsCommands.waitRunning(SCRIPT, "jabc", "th1", 30).render())
                .isEqualTo("bash /var/tmp/niso-testhosts/jabc/bin/testhosts --instance jabc wait th1 30");
    }

    @Test
    void inHostEntersAllNamespacesWithACleanEnvironment() {
        assertThat(TestHostsCommands.inHost(1234, List.of("systemctl", "is-system-running")).render())
                .isEqualTo("nsenter -t 1234 -a -- /usr/bin/env -i "
                        + "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "
                        + "LANG=C.UTF-8 TERM=dumb systemctl is-system-running");
    }

    @Test
    void sshUsesTheInstanceConfigWithStrictHostKeyChecking() {
        assertThat(TestHostsCommands.ssh(Path.of("/r/ssh_config"), "th2", "uname -n").args())
                .containsExactly("ssh", "-F", "/r/ssh_config", "-o", "StrictHostKeyChecking=yes",
                        "-o", "BatchMode=yes", "th2", "uname -n");
    }

    @Test
    void writeFilePassesThePathAsAnArgumentNeverInsideTheScript() {
        List<String> argv = TestHostsCommands.writeFile("/etc/it's $x", "0644");
        assertThat(argv.get(2)).doesNotContain("it's");
        assertThat(argv.subList(3, 6)).containsExactly("sh", "/etc/it's $x", "0644");
    }

    @Test
    void octalModeMatchesChmodNotation() {
        assertThat(TestHost.octal(PosixFilePermissions.fromString("rwxr-x---"))).isEqualTo("0750");
        assertThat(TestHost.octal(PosixFilePermissions.fromString("rw-r--r--"))).isEqualTo("0644");
        assertThat(TestHost.octal(PosixFilePermissions.fromString("---------"))).isEqualTo("0000");
    }

    /** Property: instance ids always fit the script's 4-character rule and the "j" (Java) namespace. */
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, 2026, 31337})
    void instanceIdsFitTheScriptsNamingRule(long seed) {
        Random r = new Random(seed);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = TestFleet.newInstanceId(r);
            assertThat(id).matches("j[a-z0-9]{3}");
            seen.add(id);
        }
        assertThat(seen.size()).isGreaterThan(900); // 46,656 possible ids: collisions are rare
    }
}
