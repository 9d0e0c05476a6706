package online.niso.node.store;

import java.util.Optional;

/** A package fully verified and extracted into a staging directory, not yet in the store. */
public record StagedPackage(String name, String version, String digest, Optional<String> signerKeyId,
        long fileCount, long sizeBytes) {}
