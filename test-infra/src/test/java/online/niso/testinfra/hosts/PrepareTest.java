package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.Test;

/** {@code prepare} is idempotent and the cached tree carries no per-host identity (every host gets its own). */
@RequiresRealHosts(tools = {"sysctl"})
class PrepareTest {

    @Test
    void aSecondRunChangesNothingAndTheTreeIsIdentityFree() throws Exception {
        Path bin = Scripts.extract();
        try {
            Map<String, String> env = Map.of("PATH", TestHostsCommands.GUEST_PATH);
            LocalProcess.run(TestHostsCommands.prepare(bin), Duration.ofMinutes(15), null, env).orThrow();
            ExecResult again = LocalProcess.run(TestHostsCommands.prepare(bin), Duration.ofMinutes(1), null, env).orThrow();
            assertThat(again.stderr()).doesNotContain("installing", "building", "raised");
            Matcher m = Pattern.compile("root tree up to date: (\\S+)").matcher(again.stderr());
            assertThat(m.find()).as(again.stderr()).isTrue();
            Path tree = Path.of(m.group(1));

            assertThat(tree.resolve(".niso-tree-complete")).isRegularFile();
            assertThat(Files.size(tree.resolve("etc/machine-id"))).isZero();
            assertThat(Files.readSymbolicLink(tree.resolve("var/lib/dbus/machine-id"))).hasToString("/etc/machine-id");
            try (var keys = Files.list(tree.resolve("etc/ssh"))) {
                assertThat(keys.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("ssh_host_"));
            }
            assertThat(tree.resolve("etc/hostname")).doesNotExist();
            assertThat(Files.readString(tree.resolve("etc/ssh/sshd_config.d/10-niso-testhost.conf")))
                    .contains("PasswordAuthentication no", "UseDNS no");
            assertThat(tree.resolve("usr/bin/python3")).exists();
            assertThat(tree.resolve("usr/sbin/nft")).exists();
            assertThat(Long.parseLong(sysctl("fs.inotify.max_user_instances"))).isGreaterThanOrEqualTo(8192);
        } finally {
            Scripts.delete(bin);
        }
    }

    private static String sysctl(String key) {
        return LocalProcess.run(Argv.of("sysctl", "-n", key), Duration.ofSeconds(10), null,
                Map.of("PATH", TestHostsCommands.GUEST_PATH)).orThrow().stdout().strip();
    }
}
