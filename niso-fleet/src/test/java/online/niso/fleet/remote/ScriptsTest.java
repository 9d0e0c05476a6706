package online.niso.fleet.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import online.niso.common.cmd.Cmd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-round-trip scripts, run by the real /bin/sh (what a host runs them with). */
class ScriptsTest {
    @TempDir Path tmp;

    static int run(Cmd cmd) throws Exception {
        Process p = new ProcessBuilder(cmd.argv()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    /** Quotes, a newline, $(…) and a backslash arrive verbatim: the content is data, never shell. */
    static final String TRICKY = "{\"holder\":\"a'b\\\"c\",\"m\":\"$(id) `id` \\\\ end\"}\nsecond line";

    @Test
    void lockIsTakenOnceWithItsDetailsAndHeldAfterwards() throws Exception {
        String root = tmp.resolve("locks").toString();
        String dir = root + "/f.prod.lock";
        assertThat(run(Scripts.lock(root, dir, TRICKY))).isZero();
        assertThat(Files.readString(Path.of(dir, "details.json"))).isEqualTo(TRICKY + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(dir)))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(dir, "details.json"))))
                .isEqualTo("rw-------");
        assertThat(run(Scripts.lock(root, dir, "{\"other\":1}"))).isEqualTo(Scripts.HELD);
        assertThat(Files.readString(Path.of(dir, "details.json"))).isEqualTo(TRICKY + "\n");
    }

    @Test
    void unlockRemovesOnlyALockWithExactlyTheseDetails() throws Exception {
        String root = tmp.resolve("locks").toString();
        String dir = root + "/f.prod.lock";
        assertThat(run(Scripts.lock(root, dir, TRICKY))).isZero();
        assertThat(run(Scripts.unlock(dir, TRICKY + "x"))).isEqualTo(Scripts.NOT_MINE);
        assertThat(Path.of(dir)).isDirectory();
        assertThat(run(Scripts.unlock(dir, TRICKY))).isZero();
        assertThat(Path.of(dir)).doesNotExist();
        assertThat(run(Scripts.unlock(dir, TRICKY))).as("already gone").isEqualTo(Scripts.NOT_MINE);
    }

    @Test
    void writeCreatesTheDirectoryAndAPrivateFileWithoutLeavingTheTempName() throws Exception {
        Path dir = tmp.resolve("audit");
        Path file = dir.resolve("prod-1.json");
        assertThat(run(Scripts.write(dir.toString(), file.toString(), TRICKY))).isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(TRICKY + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("prod-1.json");
        }
    }
}
