package online.niso.common.pkg;

/** How a verified package stands with respect to signatures. */
public enum SignatureStatus {
    /** No signature.ed25519 (accepted because no keys are trusted, or --allow-unsigned). */
    UNSIGNED,
    /** Signed by one of the trusted keys. */
    TRUSTED,
    /** Signed and internally consistent, but no trusted keys are configured to check it against. */
    UNTRUSTED
}
