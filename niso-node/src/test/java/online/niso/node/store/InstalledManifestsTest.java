package online.niso.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import online.niso.common.config.ManifestParser;
import online.niso.common.error.ConfigException;
import online.niso.common.model.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How activate/status read an installed manifest: the derived file when it derives from exactly the bytes of
 * manifest.toml, else the TOML (missing, stale, damaged derived files); and the store keeps derived files in
 * step with versions (written on install, before publishing; removed with the version; orphans repaired).
 */
class InstalledManifestsTest {
    static final String TOML = """
            [package]
            name = "api"
            version = "1.0.0"

            [binary]
            entrypoint = "api"
            args = ["--port", "8080"]

            [healthcheck]
            tcp = 8080
            """;

    @TempDir Path root;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    NodePaths paths() {
        return NodePaths.of(root);
    }

    Path manifestFile() {
        return paths().packageVersionDir("api", "1.0.0").resolve("manifest.toml");
    }

    Path derivedFile() {
        return paths().derivedManifest("api", "1.0.0");
    }

    void installFiles(String toml) throws IOException {
        Files.createDirectories(manifestFile().getParent());
        Files.writeString(manifestFile(), toml);
    }

    static Manifest parse(String toml) {
        return ManifestParser.parse("manifest.toml", toml);
    }

    static String derive(String forToml, Manifest claimed) {
        return InstalledManifests.derive(claimed, forToml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMatchingDerivedFileIsWhatIsRead() throws IOException {
        installFiles(TOML);
        // A derivation that (deliberately) differs from the TOML's content but names its bytes: reading it
        // back proves the TOML was not parsed.
        Manifest other = parse(TOML.replace("8080\"]", "9999\"]"));
        Files.writeString(derivedFile(), derive(TOML, other));
        assertThat(InstalledManifests.read(paths(), "api", "1.0.0")).isEqualTo(other).isNotEqualTo(parse(TOML));
    }

    @Test
    void activationPlansAreMadeFromTheDerivedManifest() throws IOException {
        installFiles(TOML);
        Manifest other = parse(TOML.replace("8080\"]", "9999\"]"));
        Files.writeString(derivedFile(), derive(TOML, other));
        var plan = new online.niso.node.activate.ActivationPlanner(paths()).plan("api",
                new online.niso.node.activate.VersionRef("1.0.0", "sha256:00112233445566778899aabbccddeeff"));
        assertThat(plan.manifest().binary().args()).containsExactly("--port", "9999");
        Files.delete(derivedFile());
        plan = new online.niso.node.activate.ActivationPlanner(paths()).plan("api",
                new online.niso.node.activate.VersionRef("1.0.0", "sha256:00112233445566778899aabbccddeeff"));
        assertThat(plan.manifest().binary().args()).containsExactly("--port", "8080");
    }

    @Test
    void withoutADerivedFileTheTomlIsParsed() throws IOException {
        installFiles(TOML);
        assertThat(derivedFile()).doesNotExist();
        assertThat(InstalledManifests.read(paths(), "api", "1.0.0")).isEqualTo(parse(TOML));
    }

    @Test
    void aStaleDerivedFileIsIgnored() throws IOException {
        String old = TOML.replace("8080\"]", "7000\"]");
        installFiles(TOML);
        Files.writeString(derivedFile(), derive(old, parse(old))); // manifest.toml changed since
        assertThat(InstalledManifests.read(paths(), "api", "1.0.0")).isEqualTo(parse(TOML));
    }

    @Test
    void aDamagedDerivedFileIsIgnored() throws IOException {
        installFiles(TOML);
        String good = derive(TOML, parse(TOML));
        for (String bad : new String[] {good.substring(0, 40), "", "{}", good.replace("\"format\":1", "\"format\":9"),
                good.replace("\"tcp\":{", "\"tcp\":{\"x\":1,").replace("\"port\":8080", "\"port\":\"x\"")}) {
            Files.writeString(derivedFile(), bad);
            assertThat(InstalledManifests.read(paths(), "api", "1.0.0")).as(bad).isEqualTo(parse(TOML));
        }
        Files.write(derivedFile(), new byte[] {(byte) 0xff, (byte) 0xfe, 0}); // not even UTF-8
        assertThat(InstalledManifests.read(paths(), "api", "1.0.0")).isEqualTo(parse(TOML));
    }

    @Test
    void aDerivedFileThatIsADirectoryIsNotFatalEither() throws IOException {
        installFiles(TOML);
        Files.createDirectories(derivedFile());
        assertThat(InstalledManifests.read(paths(), "api", "1.0.0")).isEqualTo(parse(TOML));
    }

    @Test
    void anInvalidTomlWithoutDerivationStillReportsItsErrors() throws IOException {
        installFiles(TOML.replace("entrypoint = \"api\"", "entrypoint = 7"));
        assertThatThrownBy(() -> InstalledManifests.read(paths(), "api", "1.0.0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entrypoint");
    }

    // ---- the store ----

    private PackageStore.Extractor extractor(String toml, boolean withDerived) {
        return staging -> {
            try {
                Files.createDirectories(staging.resolve("bin"));
                Files.writeString(staging.resolve("manifest.toml"), toml);
                Files.writeString(staging.resolve("manifest.json"), "{\"the app's own\":true}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] bytes = toml.getBytes(StandardCharsets.UTF_8);
            return new StagedPackage("api", "1.0.0", "sha256:" + online.niso.common.hash.Sha256.hex(bytes),
                    Optional.empty(), 2, 10,
                    withDerived ? Optional.of(InstalledManifests.derive(parse(toml), bytes)) : Optional.empty());
        };
    }

    @Test
    void installWritesTheDerivedFileBesideTheVersionAndRemoveDeletesIt() throws IOException {
        PackageStore store = PackageStore.open(paths(), clock);
        store.install(extractor(TOML, true), false);
        assertThat(derivedFile()).isRegularFile();
        assertThat(Files.getPosixFilePermissions(derivedFile()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.readString(paths().packageVersionDir("api", "1.0.0").resolve("manifest.json")))
                .isEqualTo("{\"the app's own\":true}"); // the package's own files are never touched
        assertThat(Files.readString(derivedFile())).isEqualTo(derive(TOML, parse(TOML)));
        // Deleted (e.g. by an older niso's reinstall): installing the same package again puts it back.
        Files.delete(derivedFile());
        assertThat(store.install(extractor(TOML, true), false).outcome())
                .isEqualTo(PackageStore.Outcome.ALREADY_INSTALLED);
        assertThat(derivedFile()).isRegularFile();
        store.remove("api", "1.0.0");
        assertThat(derivedFile()).doesNotExist();
        assertThat(paths().packageDir("api")).isEmptyDirectory();
    }

    @Test
    void aForcedReplacementReplacesTheDerivedFile() throws IOException {
        PackageStore store = PackageStore.open(paths(), clock);
        store.install(extractor(TOML, true), false);
        String edited = TOML.replace("8080\"]", "8081\"]");
        store.install(extractor(edited, true), true);
        assertThat(Files.readString(derivedFile())).isEqualTo(derive(edited, parse(edited)));
        assertThat(InstalledManifests.read(paths(), "api", "1.0.0")).isEqualTo(parse(edited));
        // Replaced by a package that has none (or an install that fails to make one): no stale file stays.
        store.install(extractor(TOML, false), true);
        assertThat(derivedFile()).doesNotExist();
        assertThat(InstalledManifests.read(paths(), "api", "1.0.0")).isEqualTo(parse(TOML));
    }

    @Test
    void aDerivedFileLeftByAnInstallKilledBeforePublishingIsRepaired() throws IOException {
        PackageStore store = PackageStore.open(paths(), clock);
        store.install(extractor(TOML, true), false);
        // As if "api 2.0.0" was being installed: derived file written, then killed before the rename.
        Path orphan = paths().derivedManifest("api", "2.0.0");
        Files.writeString(orphan, "{}");
        Path unrelated = paths().packageDir("api").resolve(".keep");
        Files.writeString(unrelated, "");
        store.remove("api", "1.0.0"); // any mutating store call repairs first
        assertThat(orphan).doesNotExist();
        assertThat(unrelated).exists();
    }

    @Test
    void versionOfRecognisesOnlyDerivedFileNames() {
        assertThat(InstalledManifests.versionOf(".1.0.0.manifest.json")).contains("1.0.0");
        assertThat(InstalledManifests.versionOf(".1.2.3-rc.1.manifest.json")).contains("1.2.3-rc.1");
        assertThat(InstalledManifests.versionOf("1.0.0")).isEmpty();
        assertThat(InstalledManifests.versionOf(".manifest.json")).isEmpty();
        assertThat(InstalledManifests.versionOf(".current.tmp-1")).isEmpty();
    }
}
