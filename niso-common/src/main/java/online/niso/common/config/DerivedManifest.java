package online.niso.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import online.niso.common.hash.Sha256;
import online.niso.common.json.JsonTrees;
import online.niso.common.model.Manifest;

/**
 * The derived form of an installed manifest.toml (pure): {@code {"format":1,"manifest":{...},
 * "manifest_sha256":"<hex of the manifest.toml bytes>"}}, one line. It is trusted only when it is well-formed,
 * has this {@link #FORMAT} and names the SHA-256 of the very bytes it stands for, so a stale, damaged or foreign
 * file is never used: the caller parses the TOML instead. Bump {@link #FORMAT} whenever the parser's result for
 * the same text could change (a new field, another default), so files an older niso derived are re-derived.
 */
public final class DerivedManifest {
    public static final int FORMAT = 1;

    private DerivedManifest() {}

    /** The file text for {@code manifest}, parsed from {@code manifestToml}. */
    public static String encode(Manifest manifest, byte[] manifestToml) {
        ObjectNode doc = JsonTrees.object();
        doc.put("format", FORMAT);
        doc.put("manifest_sha256", Sha256.hex(manifestToml));
        doc.set("manifest", ManifestJson.encode(manifest));
        return JsonTrees.line(doc) + "\n";
    }

    /**
     * The manifest {@code derivedText} holds, if it is a current, well-formed derivation of exactly
     * {@code manifestToml}; empty otherwise (never throws on bad input).
     */
    public static Optional<Manifest> decode(String derivedText, byte[] manifestToml) {
        try {
            JsonNode doc = JsonTrees.read(derivedText);
            if (doc == null || !doc.isObject()) {
                return Optional.empty();
            }
            JsonNode format = doc.get("format");
            JsonNode digest = doc.get("manifest_sha256");
            if (format == null || !format.isInt() || format.intValue() != FORMAT || digest == null
                    || !digest.isTextual() || !digest.textValue().equals(Sha256.hex(manifestToml))) {
                return Optional.empty();
            }
            return Optional.of(ManifestJson.decode(ManifestJson.member(doc, "manifest")));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // damaged: the TOML is the truth
        }
    }
}
