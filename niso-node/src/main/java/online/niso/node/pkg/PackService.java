package online.niso.node.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import online.niso.common.config.ManifestParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Manifest;
import online.niso.common.pkg.PackEntry;
import online.niso.common.pkg.PackProgress;
import online.niso.common.pkg.PackRequest;
import online.niso.common.pkg.PackResult;
import online.niso.common.pkg.PackSource;
import online.niso.common.pkg.PackageWriter;
import online.niso.common.sign.SigningKey;
import online.niso.common.sign.SigningKeys;
import online.niso.common.trace.Trace;

/** {@code niso pack}: manifest → validated → collected sources → reproducible, optionally signed .niso. */
public final class PackService {

    /** What the CLI resolved from flags and environment; nothing below reads either. */
    public record PackOptions(Path projectDir, Optional<Path> binary, Optional<Path> signingKey, Path outputDir,
            String arch, long mtimeEpochSeconds) {}

    private PackService() {}

    /** Chooses how to report progress once the entries are known (the CLI may draw a bar). */
    @FunctionalInterface
    public interface ProgressFactory {
        PackProgress start(List<PackEntry> entries);
    }

    public static PackResult pack(PackOptions options) {
        return pack(options, entries -> PackProgress.NONE);
    }

    public static PackResult pack(PackOptions options, ProgressFactory progress) {
        // Fail fast, before reading the tree: a bad manifest (all its errors at once) or an unreadable key.
        Manifest manifest = readManifest(options.projectDir());
        Optional<SigningKey> key = options.signingKey().map(SigningKeys::readPrivate);
        PackSource.Result sources;
        try (Trace.Span span = Trace.span("pack: walk and sort the project tree")) {
            sources = PackSource.collect(options.projectDir(), manifest.copy().include(), options.binary());
        }
        try (Trace.Span span = Trace.span("pack: read, hash, tar, zstd, fsync, rename")) {
            return new PackageWriter().write(new PackRequest(manifest.pkg().name(), manifest.pkg().version().toString(),
                options.arch(), sources.manifest(), sources.entries(), key, options.mtimeEpochSeconds(),
                options.outputDir()), progress.start(sources.entries()));
        }
    }

    static Manifest readManifest(Path projectDir) {
        Path file = projectDir.resolve("manifest.toml");
        try {
            return ManifestParser.parse("manifest.toml", Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": not found (niso pack needs a manifest.toml in the project "
                    + "directory)");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Package architecture names as the docs use them (x86_64, aarch64), from the JVM's os.arch. */
    public static String archOf(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch;
        };
    }
}
