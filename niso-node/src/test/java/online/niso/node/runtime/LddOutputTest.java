package online.niso.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import online.niso.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class LddOutputTest {

    @Test
    void parsesLibrariesAndTheLoaderButNotTheVdso() {
        String out = """
                \tlinux-vdso.so.1 (0x00007ff9a29d5000)
                \tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007ff9a28e4000)
                \tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007ff9a28c5000)
                \t/lib64/ld-linux-x86-64.so.2 (0x00007ff9a29d7000)
                """;
        assertThat(LddOutput.parse("python3", out)).containsExactly(Path.of("/lib/x86_64-linux-gnu/libm.so.6"),
                Path.of("/lib/x86_64-linux-gnu/libz.so.1"), Path.of("/lib64/ld-linux-x86-64.so.2"));
        assertThat(LddOutput.loader(LddOutput.parse("python3", out))).contains(Path.of("/lib64/ld-linux-x86-64.so.2"));
    }

    @Test
    void aStaticBinaryHasNoLibraries() {
        assertThat(LddOutput.parse("app", "\tstatically linked\n")).isEmpty();
    }

    @Test
    void missingLibrariesAreAClearError() {
        assertThatThrownBy(() -> LddOutput.parse("node", "\tlibfoo.so.1 => not found\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("libfoo.so.1");
    }

    @Test
    void mapsMergedUsrPathsIntoTheRuntime() {
        assertThat(RuntimeLayout.inRuntime(Path.of("/lib/x86_64-linux-gnu/libc.so.6")))
                .contains(Path.of("usr/lib/x86_64-linux-gnu/libc.so.6"));
        assertThat(RuntimeLayout.inRuntime(Path.of("/usr/bin/python3.11"))).contains(Path.of("usr/bin/python3.11"));
        assertThat(RuntimeLayout.inRuntime(Path.of("/opt/java/bin/java"))).isEmpty();
        assertThat(RuntimeLayout.inRuntime(Path.of("/usr/../etc/shadow"))).isEmpty();
    }
}
