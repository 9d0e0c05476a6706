package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import online.niso.testinfra.hosts.ExecResult;
import online.niso.testinfra.hosts.TestFleet;
import online.niso.testinfra.hosts.TestHost;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The environment file niso writes ({@link EnvironmentFiles}) is read back by a real systemd 252 as exactly the
 * original values: systemd loads an EnvironmentFile= only when it starts the unit, so this starts one on a test
 * host (a transient unit that prints its environment) for random hostile values per seed.
 */
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "setsid", "flock", "ssh", "ssh-keygen"})
class EnvironmentFileRealHostTest {
    private static TestFleet fleet;
    private static TestHost host;

    @TempDir static Path work;

    @BeforeAll
    static void boot() {
        fleet = TestFleet.start(1);
        host = fleet.host("th1");
    }

    @AfterAll
    static void shutdown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void systemdReadsTheEnvironmentFileBackExactly(long seed) throws Exception {
        Random r = new Random(seed);
        TreeMap<String, String> env = new TreeMap<>();
        for (int i = 0; i < 25; i++) {
            env.put(RandomStrings.envName(r) + "_" + i, RandomStrings.anyRepresentable(r, 24, false));
        }
        // The characters the format escapes, alone and at the edges, and values that look like expansions.
        env.put("EDGES", "\\\"`$ %n %% ${HOME} $HOME 'q' \\n\\\\");
        env.put("EMPTY", "");
        env.put("SPACES", "  both ends  ");
        String text = EnvironmentFiles.render("environment", env);
        Path local = work.resolve("env-" + seed);
        Files.writeString(local, text);
        String remote = "/tmp/niso-env-" + seed;
        host.copyIn(local, remote);

        ExecResult run = host.exec("systemd-run", "--quiet", "--wait", "--pipe", "--collect",
                "--unit=niso-envfile-" + seed, "-p", "EnvironmentFile=" + remote, "/usr/bin/env", "-0");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        Map<String, String> seen = new HashMap<>();
        for (String pair : run.stdout().split("\0")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                seen.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        env.forEach((k, v) -> assertThat(seen.get(k)).as("%s in%n%s", k, text).isEqualTo(v));
    }
}
