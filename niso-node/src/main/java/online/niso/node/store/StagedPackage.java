package online.niso.node.store;

import java.util.Optional;

/**
 * A package fully verified and extracted into a staging directory, not yet in the store.
 *
 * @param derivedManifest the text of its derived manifest file ({@link InstalledManifests#derive}); the store
 *                        writes it before publishing the version directory
 */
public record StagedPackage(String name, String version, String digest, Optional<String> signerKeyId,
        long fileCount, long sizeBytes, Optional<String> derivedManifest) {

    /** Without a derived manifest: activate and status parse its manifest.toml. */
    public StagedPackage(String name, String version, String digest, Optional<String> signerKeyId, long fileCount,
            long sizeBytes) {
        this(name, version, digest, signerKeyId, fileCount, sizeBytes, Optional.empty());
    }
}
