package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package commands end to end through the CLI: exit codes, output, and nothing written on refusal. */
class PackInstallCliTest {

    @TempDir Path tmp;

    Path project;
    Path keys;
    Path out;
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        project = tmp.resolve("app");
        Files.createDirectories(project.resolve("bin"));
        Files.writeString(project.resolve("manifest.toml"), """
                [package]
                name = "my-api"
                version = "1.0.0"

                [binary]
                entrypoint = "my-api"
                """);
        Files.writeString(project.resolve("bin/my-api"), "#!/bin/sh\necho hi\n");
        Files.writeString(project.resolve("debug.log"), "noise");
        Files.writeString(project.resolve(".nisoignore"), "*.log\n");
        keys = tmp.resolve("keys");
        out = tmp.resolve("out");
        root = tmp.resolve("root");
    }

    NodeCliTest.Run niso(String... args) {
        return NodeCliTest.niso(Map.of("SOURCE_DATE_EPOCH", "1700000000"), args);
    }

    Path packSigned() {
        assertThat(niso("keygen", "--output", keys.toString()).code()).isZero();
        NodeCliTest.Run pack = niso("pack", project.toString(), "--sign", keys.resolve("niso-signing.key").toString(),
                "--output", out.toString());
        assertThat(pack.code()).as(pack.err()).isZero();
        return out.resolve("my-api-1.0.0-" + online.niso.node.pkg.PackService.archOf(System.getProperty("os.arch"))
                + ".niso");
    }

    void trust() throws IOException {
        Files.createDirectories(root.resolve("etc/niso/trusted-keys"));
        Files.copy(keys.resolve("niso-signing.pub"), root.resolve("etc/niso/trusted-keys/ci.pub"));
    }

    /** Nothing under the store, and staging empty (or absent). */
    void assertNothingInstalled() throws IOException {
        assertThat(root.resolve("opt/niso/packages")).doesNotExist();
        Path staging = root.resolve("opt/niso/staging");
        if (Files.exists(staging)) {
            try (Stream<Path> s = Files.list(staging)) {
                assertThat(s).isEmpty();
            }
        }
    }

    @Test
    void packVerifyInstallListRemove() throws IOException {
        Path pkg = packSigned();
        assertThat(niso("verify", pkg.toString(), "--key", keys.resolve("niso-signing.pub").toString()).out())
                .contains("OK my-api 1.0.0", "(trusted)");
        trust();
        NodeCliTest.Run install = niso("install", pkg.toString(), "--root", root.toString(), "--json");
        assertThat(install.code()).as(install.err()).isZero();
        assertThat(install.out()).contains("\"outcome\":\"installed\"", "\"signature\":\"trusted\"");
        assertThat(root.resolve("opt/niso/packages/my-api/1.0.0/bin/my-api")).exists();
        assertThat(root.resolve("opt/niso/packages/my-api/1.0.0/debug.log")).doesNotExist(); // .nisoignore
        // The derived manifest activate and status read instead of parsing the TOML: beside the version.
        Path derived = root.resolve("opt/niso/packages/my-api/.1.0.0.manifest.json");
        byte[] toml = Files.readAllBytes(root.resolve("opt/niso/packages/my-api/1.0.0/manifest.toml"));
        assertThat(online.niso.common.config.DerivedManifest.decode(Files.readString(derived), toml))
                .contains(online.niso.common.config.ManifestParser.parse("manifest.toml",
                        new String(toml, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(niso("install", pkg.toString(), "--root", root.toString()).out()).contains("already installed");
        assertThat(niso("list", "--root", root.toString()).out()).contains("my-api", "1.0.0");
        assertThat(niso("remove", "my-api", "1.0.0", "--root", root.toString()).code()).isZero();
        assertThat(root.resolve("opt/niso/packages/my-api/1.0.0")).doesNotExist();
        assertThat(derived).doesNotExist();
    }

    @Test
    void packingTwiceGivesIdenticalBytes() throws IOException {
        Path pkg = packSigned();
        byte[] first = Files.readAllBytes(pkg);
        Files.setLastModifiedTime(project.resolve("bin/my-api"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(niso("pack", project.toString(), "--sign", keys.resolve("niso-signing.key").toString(),
                "--output", out.toString()).code()).isZero();
        assertThat(Files.readAllBytes(pkg)).isEqualTo(first);
    }

    @Test
    void tamperedPackageIsInvalidInputAndNothingIsWritten() throws IOException {
        Path pkg = packSigned();
        trust();
        byte[] bytes = Files.readAllBytes(pkg);
        bytes[bytes.length / 2] ^= 0x55;
        Path bad = tmp.resolve("bad.niso");
        Files.write(bad, bytes);
        NodeCliTest.Run run = niso("install", bad.toString(), "--root", root.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").doesNotContain("Exception");
        assertNothingInstalled();
    }

    @Test
    void unsignedIsRefusedWhenAKeyIsTrustedUnlessAllowed() throws IOException {
        assertThat(niso("keygen", "--output", keys.toString()).code()).isZero();
        trust();
        assertThat(niso("pack", project.toString(), "--output", out.toString()).code()).isZero();
        Path pkg;
        try (Stream<Path> s = Files.list(out)) {
            pkg = s.findFirst().orElseThrow();
        }
        NodeCliTest.Run refused = niso("install", pkg.toString(), "--root", root.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("unsigned");
        assertNothingInstalled();
        assertThat(niso("install", pkg.toString(), "--root", root.toString(), "--allow-unsigned").code()).isZero();
    }

    @Test
    void aBadManifestReportsEveryErrorWithPosition() throws IOException {
        Files.writeString(project.resolve("manifest.toml"), """
                [package]
                name = "My API"
                version = "1.0.0"

                [isolation.resources]
                memory_max = "lots"
                """);
        NodeCliTest.Run run = niso("pack", project.toString(), "--output", out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("manifest.toml:2:", "package.name", "manifest.toml:6:",
                "isolation.resources.memory_max", "\"lots\"");
        assertThat(out).doesNotExist();
    }

    @Test
    void aDifferentDigestForAnInstalledVersionIsUnexpectedStateUnlessForced() throws IOException {
        Path pkg = packSigned();
        trust();
        assertThat(niso("install", pkg.toString(), "--root", root.toString()).code()).isZero();
        Files.writeString(project.resolve("bin/my-api"), "#!/bin/sh\necho changed\n");
        assertThat(niso("pack", project.toString(), "--sign", keys.resolve("niso-signing.key").toString(),
                "--output", out.toString()).code()).isZero();
        assertThat(niso("install", pkg.toString(), "--root", root.toString()).code()).isEqualTo(3);
        assertThat(niso("install", pkg.toString(), "--root", root.toString(), "--force").code()).isZero();
        assertThat(Files.readString(root.resolve("opt/niso/packages/my-api/1.0.0/bin/my-api"))).contains("changed");
    }
}
