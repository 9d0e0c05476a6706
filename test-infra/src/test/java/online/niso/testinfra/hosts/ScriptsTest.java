package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged scripts: present, syntactically valid bash, and strict about their input (no root needed). */
class ScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {"testhosts", "testhosts-boot", "prepare", "rootfs-recipe"})
    void everyScriptIsPackagedAndParses(String name) {
        Path dir = Scripts.extract();
        try {
            assertThat(dir.resolve(name)).isRegularFile();
            ExecResult r = LocalProcess.run(Argv.of("bash", "-n", dir.resolve(name).toString()),
                    Duration.ofSeconds(30), null, Map.of());
            assertThat(r.exitCode()).as(r.describe()).isZero();
        } finally {
            Scripts.delete(dir);
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "abcde", "ABCD", "a-bc", "../x"})
    void testhostsRefusesBadInstanceIdsBeforeTouchingAnything(String id) {
        Path dir = Scripts.extract();
        try {
            ExecResult r = LocalProcess.run(Argv.of("bash", dir.resolve("testhosts").toString(), "--instance", id,
                    "down"), Duration.ofSeconds(30), null, Map.of());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).contains("instance id must be exactly 4 characters [a-z0-9], got '" + id + "'");
        } finally {
            Scripts.delete(dir);
        }
    }
}
