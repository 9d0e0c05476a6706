package online.niso.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import online.niso.common.model.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The derived manifest file: its exact format (golden files for two fixed manifests; a change here is a format
 * change and needs {@link DerivedManifest#FORMAT} bumped), and that anything but a current derivation of
 * exactly the given bytes is refused (the caller then parses the TOML).
 */
class DerivedManifestTest {

    static Stream<String> goldens() {
        return Stream.of("minimal", "docs-full");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void formatIsFixed(String name) throws IOException {
        byte[] toml = resource(name.equals("docs-full") ? "/config-valid/manifest-docs-full.toml"
                : "/derived-manifest/" + name + ".toml");
        Manifest m = ManifestParser.parse("manifest.toml", new String(toml, StandardCharsets.UTF_8));
        String expected = new String(resource("/derived-manifest/" + name + ".json"), StandardCharsets.UTF_8);
        // "minimal" pins every default the parser fills in: a changed default changes it too. Either change
        // makes files derived by an older niso wrong for this one: bump DerivedManifest.FORMAT, then update.
        assertThat(DerivedManifest.encode(m, toml)).as("the derived format changed: bump DerivedManifest.FORMAT"
                + " (format %d) and update src/test/resources/derived-manifest/%s.json", DerivedManifest.FORMAT, name)
                .isEqualTo(expected);
        assertThat(DerivedManifest.decode(expected, toml)).contains(m);
    }

    @Test
    void aDerivationOfOtherBytesIsNotUsed() throws IOException {
        byte[] toml = resource("/derived-manifest/minimal.toml");
        String derived = DerivedManifest.encode(parse(toml), toml);
        byte[] edited = new String(toml, StandardCharsets.UTF_8).replace("0.1.0", "0.2.0")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(DerivedManifest.decode(derived, edited)).isEmpty();
        byte[] oneMoreByte = (new String(toml, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(DerivedManifest.decode(derived, oneMoreByte)).isEmpty();
        assertThat(DerivedManifest.decode(derived, toml)).isPresent(); // the control
    }

    static Stream<String> damaged() throws IOException {
        byte[] toml = resource("/derived-manifest/minimal.toml");
        String good = DerivedManifest.encode(parse(toml), toml);
        return Stream.of(
                "",
                "\n",
                "null",
                "[]",
                "\"text\"",
                good.substring(0, good.length() / 2),                      // cut short (a torn write)
                good.replace("\"format\":1", "\"format\":2"),             // another format version
                good.replace("\"format\":1", "\"format\":\"1\""),
                good.replace("\"format\":1,", ""),                        // no format
                good.replace("\"manifest_sha256\":\"", "\"manifest_sha256\":\"0"),
                good.replace(",\"manifest_sha256\"", ",\"x\""),            // no digest
                good.replace("\"entrypoint\":\"hello\"", "\"entrypoint\":7"),
                good.replace("\"binary\":", "\"binaries\":"),             // a section missing
                good.replace("\"type\":\"simple\"", "\"type\":\"forking\""),
                good.replace("\"stop_timeout\":\"PT30S\"", "\"stop_timeout\":\"30s\""),
                good.replace("\"version\":\"0.1.0\"", "\"version\":\"not a version\""),
                good.replace("\"networks\":[\"default\"]", "\"networks\":[]"),
                good.replace("\"manifest\":{", "\"manifest\":[{").replace("},\"manifest_sha256\"",
                        "}],\"manifest_sha256\""),
                good.replace("{", "{{"),
                "\u0000" + good);
    }

    @ParameterizedTest
    @MethodSource("damaged")
    void aDamagedFileIsNeverTrustedAndNeverFatal(String text) throws IOException {
        byte[] toml = resource("/derived-manifest/minimal.toml");
        assertThat(DerivedManifest.decode(text, toml)).isEmpty();
    }

    @Test
    void theDamagedCasesReallyChangeTheFile() throws IOException {
        byte[] toml = resource("/derived-manifest/minimal.toml");
        String good = DerivedManifest.encode(parse(toml), toml);
        List<String> cases = damaged().toList();
        assertThat(cases).doesNotContain(good).doesNotHaveDuplicates();
    }

    private static Manifest parse(byte[] toml) {
        return ManifestParser.parse("manifest.toml", new String(toml, StandardCharsets.UTF_8));
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = DerivedManifestTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
