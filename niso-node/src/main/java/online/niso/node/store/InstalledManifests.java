package online.niso.node.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.config.DerivedManifest;
import online.niso.common.config.ManifestParser;
import online.niso.common.model.Manifest;
import online.niso.common.trace.Trace;
import online.niso.node.activate.AtomicFiles;

/**
 * Installed manifests as activate, status, health and rollback read them: from the derived file
 * ({@link NodePaths#derivedManifest}, written at install) when it is a current derivation of exactly the
 * manifest.toml bytes on disk, else by parsing manifest.toml as always (packages installed by an older niso, a
 * damaged or stale derived file, a crash before it was written). Hashing a manifest costs far less than a cold
 * TOML parse.
 */
public final class InstalledManifests {
    static final String SUFFIX = ".manifest.json";
    /** Same as the package files beside it: the manifest is no secret. */
    static final String MODE = "rw-r--r--";

    private InstalledManifests() {}

    /** The manifest of an installed version; {@code manifestFile} must exist (callers say what to do if not). */
    public static Manifest read(NodePaths paths, String name, String version) {
        Path manifestFile = paths.packageVersionDir(name, version).resolve("manifest.toml");
        try {
            byte[] toml = Files.readAllBytes(manifestFile);
            Optional<Manifest> derived = derived(paths.derivedManifest(name, version), toml);
            if (derived.isPresent()) {
                return derived.get();
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(toml)).toString();
            return ManifestParser.parse(manifestFile.toString(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifestFile, e);
        }
    }

    private static Optional<Manifest> derived(Path file, byte[] toml) {
        try (Trace.Span span = Trace.span("manifest: derived " + file)) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                return Optional.empty(); // missing, unreadable, not UTF-8: the TOML is the truth
            }
            return DerivedManifest.decode(text, toml);
        }
    }

    /** The derived file's text for {@code manifest}, parsed from {@code toml} (see {@link DerivedManifest}). */
    public static String derive(Manifest manifest, byte[] toml) {
        return DerivedManifest.encode(manifest, toml);
    }

    /** Writes a derived file atomically (temp + rename), unless it already holds exactly {@code text}. */
    static void write(NodePaths paths, String name, String version, String text) {
        AtomicFiles.writeIfChanged(paths.derivedManifest(name, version), text, MODE);
    }

    /** Removes the derived file of a version that left the store. */
    static void delete(NodePaths paths, String name, String version) {
        AtomicFiles.delete(paths.derivedManifest(name, version));
    }

    /** The version a derived file in a package's directory stands for, if {@code fileName} is one. */
    static Optional<String> versionOf(String fileName) {
        if (fileName.startsWith(".") && fileName.endsWith(SUFFIX) && fileName.length() > 1 + SUFFIX.length()) {
            return Optional.of(fileName.substring(1, fileName.length() - SUFFIX.length()));
        }
        return Optional.empty();
    }
}
