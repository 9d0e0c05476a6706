package online.niso.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.PackageRef;
import online.niso.common.pkg.PackResult;
import online.niso.testinfra.fixtures.TestArtifacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactResolverTest {
    @TempDir Path dir;

    @Test
    void findsAndVerifiesTheFileNamedByTheStackPinningItsDigest() {
        PackResult p = TestArtifacts.pack(dir, "hello-api", "2.0.0", "a");
        TestArtifacts.pack(dir, "hello-api", "2.0.0-rc1", "b"); // must not be mistaken for 2.0.0
        Map<PackageRef, Artifact> m = ArtifactResolver.resolve(dir, List.of(PackageRef.parse("hello-api:2.0.0")));
        Artifact a = m.get(PackageRef.parse("hello-api:2.0.0"));
        assertThat(a.digest()).isEqualTo(p.digest()).startsWith("sha256:");
        assertThat(a.file()).isEqualTo(p.file());
    }

    @Test
    void everyMissingPackageIsReportedAtOnce() {
        assertThatThrownBy(() -> ArtifactResolver.resolve(dir, List.of(PackageRef.parse("a:1.0.0"), PackageRef.parse("b:2.0.0"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no package file for a:1.0.0").hasMessageContaining("no package file for b:2.0.0");
    }

    @Test
    void twoArchitecturesOfOneVersionAreAmbiguous() throws Exception {
        PackResult p = TestArtifacts.pack(dir, "hello-api", "2.0.0", "a");
        Files.copy(p.file(), dir.resolve("hello-api-2.0.0-aarch64.niso"));
        assertThatThrownBy(() -> ArtifactResolver.resolve(dir, List.of(PackageRef.parse("hello-api:2.0.0"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("keep exactly one");
    }

    @Test
    void aCorruptPackageIsRefused() throws Exception {
        Files.writeString(dir.resolve("hello-api-2.0.0-x86_64.niso"), "not a package");
        assertThatThrownBy(() -> ArtifactResolver.resolve(dir, List.of(PackageRef.parse("hello-api:2.0.0"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hello-api-2.0.0-x86_64.niso");
    }

    @Test
    void sameContentSameDigest() {
        PackResult a = TestArtifacts.pack(dir.resolve("a"), "x", "1.0.0", "same");
        PackResult b = TestArtifacts.pack(dir.resolve("b"), "x", "1.0.0", "same");
        PackResult c = TestArtifacts.pack(dir.resolve("c"), "x", "1.0.0", "other");
        assertThat(a.digest()).isEqualTo(b.digest()).isNotEqualTo(c.digest());
    }
}
