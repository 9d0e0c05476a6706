package online.niso.node.pkg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import online.niso.common.config.ManifestParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Manifest;
import online.niso.common.pkg.PackageExtractor;
import online.niso.common.pkg.PackageVerifier;
import online.niso.common.pkg.TrustPolicy;
import online.niso.common.pkg.VerifiedPackage;
import online.niso.common.sign.KeyId;
import online.niso.common.sign.TrustedKey;
import online.niso.common.sign.TrustedKeys;
import online.niso.node.store.InstalledManifests;
import online.niso.node.store.NodePaths;
import online.niso.node.store.PackageStore;
import online.niso.node.store.StagedPackage;

/** {@code niso install} and {@code niso verify}: trust policy, verification, then the store. */
public final class InstallService {

    private InstallService() {}

    /** Keys from {@code --verify-key} plus every key in the host's trusted-keys directory. */
    public static TrustPolicy trustPolicy(NodePaths paths, List<Path> extraKeys, boolean allowUnsigned) {
        List<TrustedKey> keys = new ArrayList<>();
        if (Files.isDirectory(paths.trustedKeysDir())) {
            keys.addAll(TrustedKeys.load(paths.trustedKeysDir()));
        }
        for (Path k : extraKeys) {
            keys.add(TrustedKeys.loadOne(k));
        }
        return new TrustPolicy(keys, allowUnsigned);
    }

    public record Installed(PackageStore.InstallResult result, VerifiedPackage verified, Manifest manifest) {}

    public static Installed install(NodePaths paths, Clock clock, Path nisoFile, TrustPolicy trust, boolean force) {
        requireFile(nisoFile);
        VerifiedPackage[] verified = new VerifiedPackage[1];
        Manifest[] manifest = new Manifest[1];
        PackageStore.InstallResult result = PackageStore.open(paths, clock).install(staging -> {
            // One streaming pass: members are written into staging while hashed; nothing reaches the
            // store unless checksums, statement and signature all verify.
            VerifiedPackage v = PackageExtractor.extract(nisoFile, staging, trust);
            Manifest m = ManifestParser.parse(nisoFile.getFileName() + "!manifest.toml", v.manifestToml());
            verified[0] = v;
            manifest[0] = m;
            return new StagedPackage(m.pkg().name(), m.pkg().version().toString(), v.digest(),
                    v.signer().map(KeyId::toString), v.fileCount(), v.uncompressedBytes(),
                    derived(staging, v.manifestToml(), m));
        }, force);
        return new Installed(result, verified[0], manifest[0]);
    }

    /**
     * The derived manifest for the extracted manifest.toml: from the bytes on disk, which are what activate will
     * hash, and only when they are the text that was parsed (always, for a verified package).
     */
    private static java.util.Optional<String> derived(Path staging, String parsedText, Manifest m) {
        try {
            byte[] toml = Files.readAllBytes(staging.resolve(online.niso.common.pkg.Layout.MANIFEST));
            if (!java.util.Arrays.equals(toml, parsedText.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(InstalledManifests.derive(m, toml));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public record Verified(VerifiedPackage verified, Manifest manifest) {}

    public static Verified verify(Path nisoFile, TrustPolicy trust) {
        requireFile(nisoFile);
        VerifiedPackage v = PackageVerifier.verify(nisoFile, trust);
        Manifest m = ManifestParser.parse(nisoFile.getFileName() + "!manifest.toml", v.manifestToml());
        return new Verified(v, m);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such package file");
        }
    }
}
