package online.niso.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.node.state.InstalledPackage;
import online.niso.node.state.PackageRepository;
import online.niso.node.state.StateDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store semantics with a fake extractor; the real extractor is covered by the install CLI tests. */
class PackageStoreTest {

    @TempDir Path root;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    private PackageStore store() {
        return PackageStore.open(NodePaths.of(root), clock);
    }

    private static PackageStore.Extractor fake(String name, String version, String digest) {
        return staging -> {
            try {
                Files.createDirectories(staging.resolve("bin"));
                Files.writeString(staging.resolve("manifest.toml"), "name = \"" + name + "\"\n");
                Files.writeString(staging.resolve("bin/app"), digest);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new StagedPackage(name, version, digest, Optional.empty(), 2, 10);
        };
    }

    @Test
    void installsIntoTheStoreAndRecordsTheVersion() throws IOException {
        var result = store().install(fake("api", "1.0.0", "sha256:aa"), false);
        assertThat(result.outcome()).isEqualTo(PackageStore.Outcome.INSTALLED);
        assertThat(Files.readString(root.resolve("opt/niso/packages/api/1.0.0/bin/app"))).isEqualTo("sha256:aa");
        assertThat(store().list(Optional.empty())).extracting(InstalledPackage::version).containsExactly("1.0.0");
        assertThat(result.installed().installedAt()).isEqualTo(clock.instant());
    }

    @Test
    void sameVersionAndDigestIsANoOp() {
        store().install(fake("api", "1.0.0", "sha256:aa"), false);
        assertThat(store().install(fake("api", "1.0.0", "sha256:aa"), false).outcome())
                .isEqualTo(PackageStore.Outcome.ALREADY_INSTALLED);
    }

    @Test
    void sameVersionWithOtherContentIsRefusedUnlessForced() throws IOException {
        store().install(fake("api", "1.0.0", "sha256:aa"), false);
        assertThatThrownBy(() -> store().install(fake("api", "1.0.0", "sha256:bb"), false))
                .isInstanceOf(UnexpectedStateException.class).hasMessageContaining("--force");
        assertThat(Files.readString(root.resolve("opt/niso/packages/api/1.0.0/bin/app"))).isEqualTo("sha256:aa");
        assertThat(store().install(fake("api", "1.0.0", "sha256:bb"), true).outcome())
                .isEqualTo(PackageStore.Outcome.REPLACED);
        assertThat(Files.readString(root.resolve("opt/niso/packages/api/1.0.0/bin/app"))).isEqualTo("sha256:bb");
    }

    @Test
    void aRefusedPackageLeavesNothingInStoreOrStaging() throws IOException {
        PackageStore.Extractor hostile = staging -> {
            try {
                Files.createDirectories(staging);
                Files.writeString(staging.resolve("half-written"), "x");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new InvalidInputException("bad member");
        };
        assertThatThrownBy(() -> store().install(hostile, false)).isInstanceOf(InvalidInputException.class);
        assertThat(root.resolve("opt/niso/packages")).doesNotExist();
        try (var s = Files.list(root.resolve("opt/niso/staging"))) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void removeRefusesTheActiveVersionAndRemovesOthers() throws IOException {
        store().install(fake("api", "1.0.0", "sha256:aa"), false);
        store().install(fake("api", "2.0.0", "sha256:bb"), false);
        Files.createSymbolicLink(root.resolve("opt/niso/packages/api/current"), Path.of("2.0.0"));
        assertThatThrownBy(() -> store().remove("api", "2.0.0")).isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("active");
        store().remove("api", "1.0.0");
        assertThat(root.resolve("opt/niso/packages/api/1.0.0")).doesNotExist();
        assertThat(store().list(Optional.of("api"))).extracting(InstalledPackage::version).containsExactly("2.0.0");
    }

    @Test
    void removingAVersionThatIsNotInstalledIsAnUnexpectedState() {
        assertThatThrownBy(() -> store().remove("api", "9.9.9")).isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("not installed");
    }

    @Test
    void repairDropsHalfDoneWorkFromAnInterruptedRun() throws IOException {
        NodePaths paths = NodePaths.of(root);
        // A crash after the rename but before the database commit: directory without a row.
        Files.createDirectories(paths.packageVersionDir("ghost", "1.0.0"));
        // A crash mid-extraction: leftovers in staging.
        Files.createDirectories(paths.stagingDir().resolve("install-x"));
        // A row whose directory vanished.
        try (StateDb db = StateDb.open(paths.stateDb())) {
            db.inTransaction(c -> {
                PackageRepository.insert(c, new InstalledPackage("lost", "1.0.0", "sha256:cc", Optional.empty(),
                        Instant.EPOCH, 1, 1));
                return null;
            });
        }
        store().install(fake("api", "1.0.0", "sha256:aa"), false);
        assertThat(paths.packageVersionDir("ghost", "1.0.0")).doesNotExist();
        assertThat(paths.stagingDir().resolve("install-x")).doesNotExist();
        assertThat(store().list(Optional.empty())).extracting(InstalledPackage::name).containsExactly("api");
    }
}
