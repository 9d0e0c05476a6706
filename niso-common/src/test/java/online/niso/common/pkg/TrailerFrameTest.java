package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** checksums.sha256 goes into its own zstd frame, tuned for hex digests: smaller than one level-3 frame. */
class TrailerFrameTest {
    @TempDir
    Path tmp;

    @Test
    void manySmallFilesPackSmallerThanOneLevel3FrameOfTheSameTar() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(project.resolve("manifest.toml"), TestPackages.MANIFEST);
        Random r = new Random(7);
        for (int d = 0; d < 30; d++) {
            Path dir = Files.createDirectories(project.resolve("node_modules/pkg-" + d + "/lib"));
            for (int i = 0; i < 100; i++) {
                byte[] b = new byte[200 + r.nextInt(2000)];
                r.nextBytes(b);
                Files.writeString(dir.resolve("file-" + i + ".js"), "module.exports = \"" + HexFormat.of().formatHex(b)
                        + "\";\n");
            }
        }
        PackSource.Result src = PackSource.collect(project, List.of(), Optional.empty());
        PackResult res = new PackageWriter(2).write(new PackRequest("demo", "1.0.0", "x86_64", src.manifest(),
                src.entries(), Optional.empty(), 1_700_000_000L, tmp.resolve("out")));

        byte[] tar;
        try (InputStream in = new ZstdInputStreamNoFinalizer(Files.newInputStream(res.file()))) {
            tar = in.readAllBytes(); // both frames decode as one stream
        }
        ByteArrayOutputStream oneFrame = new ByteArrayOutputStream();
        try (ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(oneFrame, PackageWriter.ZSTD_LEVEL)) {
            z.setWorkers(2);
            z.setChecksum(true);
            z.write(tar);
        }
        assertThat(res.size()).isLessThan(oneFrame.size());
        // and it still verifies and extracts
        assertThat(PackageVerifier.verify(res.file(), TrustPolicy.none()).digest()).isEqualTo(res.digest());
    }
}
