package online.niso.common.pkg;

import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.sign.KeyId;

/**
 * @param file              the written {@code <name>-<version>-<arch>.niso}
 * @param digest            {@code sha256:<hex>} of the canonical statement (package identity)
 * @param keyId             the signing key's id, when signed
 * @param size              bytes of the .niso file
 * @param fileCount         regular files, including manifest.toml, checksums.sha256 and the signature
 * @param uncompressedBytes sum of regular file sizes
 */
public record PackResult(Path file, String digest, Optional<KeyId> keyId, long size, int fileCount,
                         long uncompressedBytes) {
}
