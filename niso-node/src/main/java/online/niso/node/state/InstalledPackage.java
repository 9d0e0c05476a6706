package online.niso.node.state;

import java.time.Instant;
import java.util.Optional;

/** One installed package version as recorded in the state database. */
public record InstalledPackage(String name, String version, String digest, Optional<String> signerKeyId,
        Instant installedAt, long fileCount, long sizeBytes) {}
