package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackSourceTest {
    @TempDir
    Path tmp;

    private Path project() throws IOException {
        Path p = TestPackages.project(tmp.resolve("p"));
        Files.createDirectories(p.resolve("target/debug"));
        Files.writeString(p.resolve("target/debug/junk"), "junk");
        Files.writeString(p.resolve("debug.log"), "log");
        Files.writeString(p.resolve(".env"), "SECRET=1");
        Files.writeString(p.resolve(".nisoignore"), "target/\n*.log\n.env\n");
        Files.writeString(p.resolve("old-1.0-x86_64.niso"), "previous output");
        return p;
    }

    private static List<String> paths(PackSource.Result r) {
        return r.entries().stream().map(e -> e.type().token() + " " + Integer.toOctalString(e.mode()) + " " + e.path()).toList();
    }

    @Test
    void wholeTreeHonoursNisoIgnoreAndSortsByPathBytes() throws IOException {
        PackSource.Result r = PackSource.collect(project(), List.of(), Optional.empty());
        assertThat(new String(r.manifest())).isEqualTo(TestPackages.MANIFEST);
        assertThat(paths(r)).containsExactly("d 755 bin", "f 755 bin/demo", "d 755 lib", "f 644 lib/a.txt",
                "l 777 lib/current", "d 755 lib/deep", "d 755 lib/deep/er", "f 644 lib/deep/er/b.txt",
                "f 644 lib/empty", "f 644 lib/with space.txt");
    }

    @Test
    void includeListSelectsFilesAndDirectoriesWithParents() throws IOException {
        PackSource.Result r = PackSource.collect(project(), List.of("lib/deep/", "bin/demo"), Optional.empty());
        assertThat(paths(r)).containsExactly("d 755 bin", "f 755 bin/demo", "d 755 lib", "d 755 lib/deep",
                "d 755 lib/deep/er", "f 644 lib/deep/er/b.txt");
    }

    @Test
    void binaryGoesToBinWithExecMode() throws IOException {
        Path bin = Files.writeString(tmp.resolve("my-api"), "ELF");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rw-------"));
        PackSource.Result r = PackSource.collect(project(), List.of("lib/a.txt"), Optional.of(bin));
        assertThat(paths(r)).containsExactly("d 755 bin", "f 755 bin/my-api", "d 755 lib", "f 644 lib/a.txt");
    }

    @Test
    void binaryBehindASymlinkIsPackedAsTheFileUnderTheLinkName() throws IOException {
        Path real = Files.writeString(tmp.resolve("app-real"), "ELF");
        Path link = Files.createSymbolicLink(tmp.resolve("app"), real);
        PackSource.Result r = PackSource.collect(project(), List.of("lib/a.txt"), Optional.of(link));
        assertThat(paths(r)).contains("f 755 bin/app");
        assertThat(r.entries().stream().filter(e -> e.path().equals("bin/app")).findFirst().orElseThrow().source())
                .isEqualTo(real.toRealPath());
    }

    @Test
    void binaryCollidingWithTreeIsAnError() throws IOException {
        Path p = project();
        assertThatThrownBy(() -> PackSource.collect(p, List.of(), Optional.of(p.resolve("bin/demo"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bin/demo is also in the project tree");
    }

    @Test
    void missingIncludeAndEscapingIncludeAreErrors() throws IOException {
        Path p = project();
        assertThatThrownBy(() -> PackSource.collect(p, List.of("dist/"), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PackSource.collect(p, List.of("../etc"), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> PackSource.collect(p, List.of("lib/a.txt/"), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a directory");
    }

    @Test
    void absoluteOrEscapingSymlinksAreErrors() throws IOException {
        Path p = project();
        Files.createSymbolicLink(p.resolve("lib/passwd"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> PackSource.collect(p, List.of(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("absolute path");
        Files.delete(p.resolve("lib/passwd"));
        Files.createSymbolicLink(p.resolve("lib/up"), Path.of("../../outside"));
        assertThatThrownBy(() -> PackSource.collect(p, List.of(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("escapes the package root");
    }

    @Test
    void missingManifestIsAnError() {
        assertThatThrownBy(() -> PackSource.collect(tmp, List.of(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("manifest.toml");
    }

    @Test
    void fifoInTreeIsAnError() throws Exception {
        Path p = project();
        Process mk = new ProcessBuilder("mkfifo", p.resolve("lib/pipe").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo unavailable");
        assertThatThrownBy(() -> PackSource.collect(p, List.of(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a regular file, directory or symlink");
    }
}
