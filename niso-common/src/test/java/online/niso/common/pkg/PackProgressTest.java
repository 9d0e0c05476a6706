package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackProgressTest {
    @TempDir
    Path tmp;

    @Test
    void reportsEveryPayloadEntryInOrderAndChangesNoByte() throws Exception {
        Path project = TestPackages.project(tmp.resolve("p"));
        PackSource.Result src = PackSource.collect(project, List.of(), Optional.empty());
        List<long[]> calls = new ArrayList<>();
        PackRequest req = new PackRequest("demo", "1.0.0", "x86_64", src.manifest(), src.entries(), Optional.empty(),
                1_700_000_000L, tmp.resolve("a"));
        PackResult withProgress = new PackageWriter().write(req, (n, bytes) -> calls.add(new long[] {n, bytes}));
        PackResult without = new PackageWriter().write(new PackRequest("demo", "1.0.0", "x86_64", src.manifest(),
                src.entries(), Optional.empty(), 1_700_000_000L, tmp.resolve("b")));

        assertThat(calls).hasSize(src.entries().size());
        long fileBytes = 0;
        for (int i = 0; i < calls.size(); i++) {
            PackEntry e = src.entries().get(i);
            if (e.type() == EntryType.FILE) {
                fileBytes += Files.size(e.source());
            }
            assertThat(calls.get(i)).containsExactly(i + 1, fileBytes);
        }
        assertThat(Files.readAllBytes(withProgress.file())).isEqualTo(Files.readAllBytes(without.file()));
    }
}
