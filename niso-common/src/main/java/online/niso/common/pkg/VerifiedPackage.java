package online.niso.common.pkg;

import java.util.List;
import java.util.Optional;
import online.niso.common.sign.KeyId;

/**
 * A package whose every member matched checksums.sha256 and the canonical statement, and whose
 * signature (if any) satisfied the trust policy.
 *
 * @param manifestToml      the manifest text (parse it with the manifest parser)
 * @param digest            {@code sha256:<hex>} of the canonical statement: the package identity
 * @param members           every member but the signature, sorted by path bytes
 * @param fileCount         regular files, including manifest.toml, checksums.sha256 and the signature
 * @param uncompressedBytes sum of regular file sizes
 */
public record VerifiedPackage(String manifestToml, String digest, SignatureStatus signatureStatus,
                              Optional<KeyId> signer, List<MemberRecord> members, int fileCount,
                              long uncompressedBytes) {

    /** One line for the CLI, e.g. "signed by SHA256:abc… (trusted)". */
    public String describeSignature() {
        return switch (signatureStatus) {
            case UNSIGNED -> "unsigned";
            case TRUSTED -> "signed by " + signer.orElseThrow() + " (trusted)";
            case UNTRUSTED -> "signed by " + signer.orElseThrow() + " (untrusted: no trusted keys configured)";
        };
    }
}
