package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchivePathsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void byteOrderEqualsUtf8ByteComparison(long seed) {
        Random r = new Random(seed);
        char[] alphabet = {'a', 'b', '/', '.', '-', 'é', '\u00ff', '\u4e2d', '\ue000', '\uffee'};
        for (int i = 0; i < 2000; i++) {
            String x = random(r, alphabet);
            String y = random(r, alphabet);
            int expected = Integer.signum(Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                    y.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(ArchivePaths.BYTE_ORDER.compare(x, y))).as("%s vs %s", x, y).isEqualTo(expected);
        }
    }

    private static String random(Random r, char[] alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(6); n > 0; n--) {
            if (r.nextInt(5) == 0) {
                sb.appendCodePoint(0x10000 + r.nextInt(0x1000)); // a surrogate pair
            } else {
                sb.append(alphabet[r.nextInt(alphabet.length)]);
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "a/l        | ../b          | ok",
        "a/b/l      | ../../c/d     | ok",
        "l          | x/y           | ok",
        "l          | ../x          | escapes the package root",
        "a/l        | ../../x       | escapes the package root",
        "a/l        | b/../..       | '..' after a name",
        "a/l        | ./b           | '.' component",
        "a/l        | b//c          | empty or '.' component",
        "a/l        | /etc/passwd   | absolute path",
    })
    void symlinkTargets(String link, String target, String expected) {
        String got = ArchivePaths.symlinkProblem(link, target).orElse("ok");
        assertThat(got).contains(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "bin/app          | ok",
        "a b/c%d          | ok",
        "é/ü              | ok",
        "/abs             | absolute path",
        "a//b             | empty path component",
        "a/./b            | '.' component",
        "a/../b           | '..' in path",
        "a\\b             | backslash",
    })
    void memberPaths(String path, String expected) {
        assertThat(ArchivePaths.problem(path).orElse("ok")).contains(expected);
    }

    @org.junit.jupiter.api.Test
    void longMultibyteComponentsAreMeasuredInBytes() {
        assertThat(ArchivePaths.problem("é".repeat(127))).isEmpty();          // 254 bytes
        assertThat(ArchivePaths.problem("é".repeat(128)).orElse("")).contains("component longer than 255 bytes");
        assertThat(ArchivePaths.problem("\ud83d\ude00".repeat(64)).orElse("")).contains("component longer than 255 bytes");
    }
}
