package online.niso.node.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsPlanTest {

    @TempDir Path dir;

    @Test
    void aRuntimeServiceGetsMergedUsrLinksAndMountPoints() {
        RootfsPlan plan = RootfsPlan.of("api", true, List.of("/data/db", "/cache"), new TreeMap<>());
        assertThat(plan.ops()).contains(new FsOp.Symlink("lib64", "usr/lib64"), new FsOp.MakeDir("usr", 0755),
                new FsOp.MakeDir("data", 0755), new FsOp.MakeDir("data/db", 0755), new FsOp.MakeDir("cache", 0755));
    }

    @Test
    void aStaticBinaryGetsNoUsrAtAll() {
        RootfsPlan plan = RootfsPlan.of("api", false, List.of(), new TreeMap<>());
        assertThat(plan.ops()).extracting(FsOp::path).doesNotContain("usr", "lib", "lib64", "bin");
    }

    @Test
    void thePlanIsDeterministicAndSorted() {
        var hosts = new TreeMap<String, String>();
        hosts.put("db.niso.local", "10.99.0.3");
        hosts.put("api.niso.local", "10.99.0.2");
        RootfsPlan a = RootfsPlan.of("api", true, List.of("/z", "/a"), hosts);
        RootfsPlan b = RootfsPlan.of("api", true, List.of("/a", "/z"), new TreeMap<>(hosts));
        assertThat(a).isEqualTo(b);
        assertThat(a.ops()).extracting(FsOp::path).isSorted();
        String hostsFile = a.ops().stream().filter(o -> o.path().equals("etc/hosts")).map(o -> ((FsOp.WriteFile) o)
                .content()).findFirst().orElseThrow();
        assertThat(hostsFile).contains("10.99.0.2\tapi.niso.local\n10.99.0.3\tdb.niso.local\n");
    }

    @Test
    void assemblyReplacesAnExistingRootfsAtomically() throws Exception {
        Path target = dir.resolve("rootfs/1.0.0");
        RootfsAssembler.assemble(RootfsPlan.of("one", true, List.of("/data"), new TreeMap<>()), target);
        assertThat(Files.readString(target.resolve("etc/hostname"))).isEqualTo("one\n");
        assertThat(Files.readSymbolicLink(target.resolve("lib"))).isEqualTo(Path.of("usr/lib"));
        RootfsAssembler.assemble(RootfsPlan.of("two", false, List.of(), new TreeMap<>()), target);
        assertThat(Files.readString(target.resolve("etc/hostname"))).isEqualTo("two\n");
        assertThat(target.resolve("lib")).doesNotExist();
        try (var siblings = Files.list(target.getParent())) {
            assertThat(siblings).containsExactly(target); // no temp or old copies left
        }
    }
}
