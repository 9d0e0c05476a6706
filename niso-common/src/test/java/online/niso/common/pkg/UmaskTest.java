package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UmaskTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheUmaskLineOfProcStatus() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tR (running)\n";
        assertThat(Umask.parse(status)).hasValue(0022);
        assertThat(Umask.parse("Umask:\t0077\n")).hasValue(0077);
        assertThat(Umask.parse("Umask:\t0\n")).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Name:\tjava\n", "Umask:\t\n", "Umask:\t0xff\n", "Umask:\t-1\n", "Umask:\t08\n",
        "Umask:\t12345\n"})
    void anythingElseIsUnknown(String status) {
        assertThat(Umask.parse(status)).isEmpty();
    }

    static Stream<Integer> seeds() {
        return IntStream.range(0, 64).boxed();
    }

    /** Property: chmod is skipped exactly when creating with the mode under the umask yields the mode. */
    @ParameterizedTest
    @MethodSource("seeds")
    void needsChmodExactlyWhenTheUmaskStripsABit(int seed) {
        Random r = new Random(seed);
        int umask = r.nextInt(01000);
        for (int mode : new int[] {0644, 0755}) {
            boolean exact = (mode & ~umask) == mode;
            assertThat(Umask.needsChmod(umask, mode)).as("umask %o mode %o", umask, mode).isEqualTo(!exact);
        }
        assertThat(Umask.needsChmod(Umask.UNKNOWN, 0644)).isTrue();
    }

    @Test
    void currentUmaskIsWhatTheKernelApplies() throws IOException {
        int umask = Umask.current();
        Path f = Files.createFile(tmp.resolve("probe"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        int got = 0;
        for (var p : Files.getPosixFilePermissions(f)) {
            got |= 1 << (8 - p.ordinal());
        }
        assertThat(got).isEqualTo(0777 & ~umask);
    }

    /** Whatever umask the sink assumes, extracted modes come out normalised (chmod when in doubt). */
    @ParameterizedTest
    @ValueSource(ints = {Umask.UNKNOWN, -2})
    void diskSinkGivesNormalisedModesWithTheRealOrAnUnknownUmask(int assumed) throws IOException {
        int umask = assumed == -2 ? Umask.current() : assumed;
        Path root = Files.createDirectory(tmp.resolve("root"));
        PackageExtractor.DiskSink sink = new PackageExtractor.DiskSink(root, umask);
        sink.writeFile("a/b/c.txt", 0644, "x".getBytes());
        sink.writeFile("a/b/run", 0755, "y".getBytes());
        sink.directory("a/b");
        sink.directory("d");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a/b/c.txt"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a/b/run"))))
                .isEqualTo("rwxr-xr-x");
        for (String d : new String[] {"a", "a/b", "d"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(d))))
                    .isEqualTo("rwxr-xr-x");
        }
        assertThat(Files.readString(root.resolve("a/b/run"))).isEqualTo("y");
    }
}
