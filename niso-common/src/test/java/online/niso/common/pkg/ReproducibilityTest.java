package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import online.niso.common.sign.SigningKey;
import online.niso.common.sign.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same input tree gives a byte-identical .niso whatever the mtimes, modes, order or worker count. */
class ReproducibilityTest {
    @TempDir
    Path tmp;

    /** One file of a generated tree: path, content, executable. */
    private record Spec(String path, byte[] content, boolean exec) {
    }

    private static List<Spec> randomTree(long seed) {
        Random r = new Random(seed);
        List<Spec> specs = new ArrayList<>();
        int n = 5 + r.nextInt(40);
        for (int i = 0; i < n; i++) {
            StringBuilder p = new StringBuilder();
            int depth = r.nextInt(4);
            for (int d = 0; d < depth; d++) {
                p.append("d").append(r.nextInt(3)).append('/');
            }
            p.append(r.nextBoolean() ? "file" : "File").append(i).append(r.nextBoolean() ? ".txt" : "");
            byte[] content = new byte[r.nextInt(3) == 0 ? r.nextInt(200_000) : r.nextInt(100)];
            r.nextBytes(content);
            if (r.nextBoolean()) {
                java.util.Arrays.fill(content, (byte) 'a'); // compressible too
            }
            specs.add(new Spec(p.toString(), content, r.nextInt(4) == 0));
        }
        return specs;
    }

    /**
     * Materialises the tree; {@code variant} changes everything niso must ignore: creation order,
     * mtimes, and modes within the normalisation rules (as different umasks would).
     */
    private static Path materialise(Path dir, List<Spec> specs, int variant) throws IOException {
        List<Spec> order = new ArrayList<>(specs);
        if (variant == 1) {
            Collections.reverse(order);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.toml"), TestPackages.MANIFEST);
        for (Spec s : order) {
            Path f = dir.resolve(s.path());
            Files.createDirectories(f.getParent());
            Files.write(f, s.content());
            String mode = s.exec() ? (variant == 1 ? "rwx------" : "rwxr-xr-x") : (variant == 1 ? "rw-------" : "rw-rw-r--");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
            Files.setLastModifiedTime(f, FileTime.fromMillis(variant == 1 ? 1_000_000_000L : 1_700_000_000_000L));
        }
        if (variant == 1) {
            try (var s = Files.walk(dir)) {
                for (Path d : s.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
                    Files.setLastModifiedTime(d, FileTime.fromMillis(42_000L));
                }
            }
        }
        return dir;
    }

    private static PackResult pack(Path project, Path out, int workers, Optional<SigningKey> key, long mtime) {
        PackSource.Result src = PackSource.collect(project, List.of(), Optional.empty());
        return new PackageWriter(workers).write(new PackRequest("demo", "1.0.0", "x86_64", src.manifest(),
                src.entries(), key, mtime, out));
    }

    private static String sha256(Path p) throws IOException {
        return HexFormat.of().formatHex(CanonicalStatement.sha256(Files.readAllBytes(p)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void twoCopiesWithDifferentMtimesModesAndOrderPackIdentically(long seed) throws IOException {
        List<Spec> tree = randomTree(seed);
        Path a = materialise(tmp.resolve("a/project"), tree, 0);
        Path b = materialise(tmp.resolve("b/project"), tree, 1);
        SigningKey key = SigningKeys.generate(); // Ed25519 signatures are deterministic
        PackResult ra = pack(a, tmp.resolve("out-a"), 2, Optional.of(key), PackRequest.DEFAULT_MTIME);
        PackResult rb = pack(b, tmp.resolve("out-b"), 2, Optional.of(key), PackRequest.DEFAULT_MTIME);
        assertThat(sha256(rb.file())).isEqualTo(sha256(ra.file()));
        assertThat(rb.digest()).isEqualTo(ra.digest());
    }

    @Test
    void workerCountDoesNotChangeTheBytes() throws IOException {
        List<Spec> tree = new ArrayList<>(randomTree(99));
        byte[] big = new byte[12 << 20]; // several zstd jobs
        new Random(7).nextBytes(big);
        tree.add(new Spec("big.bin", big, false));
        Path p = materialise(tmp.resolve("p"), tree, 0);
        String one = sha256(pack(p, tmp.resolve("w1"), 1, Optional.empty(), PackRequest.DEFAULT_MTIME).file());
        String two = sha256(pack(p, tmp.resolve("w2"), 2, Optional.empty(), PackRequest.DEFAULT_MTIME).file());
        String four = sha256(pack(p, tmp.resolve("w4"), 4, Optional.empty(), PackRequest.DEFAULT_MTIME).file());
        assertThat(two).isEqualTo(one);
        assertThat(four).isEqualTo(one);
    }

    @Test
    void sourceDateEpochChangesTheBytesButNotTheDigest() throws IOException {
        Path p = materialise(tmp.resolve("p"), randomTree(3), 0);
        PackResult x = pack(p, tmp.resolve("x"), 2, Optional.empty(), PackRequest.mtimeFromSourceDateEpoch("1700000000"));
        PackResult y = pack(p, tmp.resolve("y"), 2, Optional.empty(), PackRequest.mtimeFromSourceDateEpoch(null));
        assertThat(sha256(x.file())).isNotEqualTo(sha256(y.file()));
        assertThat(x.digest()).isEqualTo(y.digest());
    }

    @Test
    void contentChangeChangesDigestAndBytes() throws IOException {
        List<Spec> tree = randomTree(4);
        Path a = materialise(tmp.resolve("a"), tree, 0);
        Path b = materialise(tmp.resolve("b"), tree, 0);
        Files.writeString(b.resolve(tree.get(0).path()), "changed");
        PackResult ra = pack(a, tmp.resolve("oa"), 2, Optional.empty(), PackRequest.DEFAULT_MTIME);
        PackResult rb = pack(b, tmp.resolve("ob"), 2, Optional.empty(), PackRequest.DEFAULT_MTIME);
        assertThat(rb.digest()).isNotEqualTo(ra.digest());
        assertThat(sha256(rb.file())).isNotEqualTo(sha256(ra.file()));
    }
}
