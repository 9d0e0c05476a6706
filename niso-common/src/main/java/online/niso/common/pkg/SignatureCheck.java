package online.niso.common.pkg;

import java.util.Optional;
import java.util.stream.Collectors;
import online.niso.common.sign.Ed25519;
import online.niso.common.sign.KeyId;
import online.niso.common.sign.TrustedKey;

/** The trust decision (pure): statement + optional signature file + policy → status or rejection. */
final class SignatureCheck {

    record Verdict(SignatureStatus status, Optional<KeyId> signer) {
    }

    private SignatureCheck() {
    }

    static Verdict decide(byte[] statement, Optional<SignatureFile> signature, TrustPolicy policy) {
        boolean haveTrusted = !policy.trustedKeys().isEmpty();
        if (signature.isEmpty()) {
            if (haveTrusted && !policy.allowUnsigned()) {
                throw new PackageRejectedException("package is unsigned but trusted keys are configured ("
                        + trustedIds(policy) + "); refusing (use --allow-unsigned to install it anyway)");
            }
            return new Verdict(SignatureStatus.UNSIGNED, Optional.empty());
        }
        SignatureFile sig = signature.get();
        KeyId embedded = KeyId.ofRawPublicKey(sig.rawPublicKey());
        if (!embedded.equals(sig.keyId())) {
            throw new PackageRejectedException(Layout.SIGNATURE + ": key id " + sig.keyId()
                    + " does not match the embedded public key (" + embedded + ")");
        }
        if (haveTrusted) {
            // Trust comes from OUR key material: the embedded key is only used to name the signer.
            TrustedKey trusted = policy.trustedKeys().stream().filter(k -> k.keyId().equals(sig.keyId()))
                    .findFirst().orElseThrow(() -> new PackageRejectedException("package is signed by " + sig.keyId()
                            + ", which is not a trusted key (trusted: " + trustedIds(policy) + ")"));
            if (!Ed25519.verify(trusted.publicKey(), statement, sig.signature())) {
                throw new PackageRejectedException(Layout.SIGNATURE + ": signature by " + sig.keyId()
                        + " does not match the package contents (tampered or corrupted)");
            }
            return new Verdict(SignatureStatus.TRUSTED, Optional.of(sig.keyId()));
        }
        if (!Ed25519.verify(Ed25519.publicKeyFromRaw(sig.rawPublicKey()), statement, sig.signature())) {
            throw new PackageRejectedException(Layout.SIGNATURE + ": signature by " + sig.keyId()
                    + " does not match the package contents (tampered or corrupted)");
        }
        return new Verdict(SignatureStatus.UNTRUSTED, Optional.of(sig.keyId()));
    }

    private static String trustedIds(TrustPolicy policy) {
        return policy.trustedKeys().stream().map(k -> k.keyId().value()).collect(Collectors.joining(", "));
    }
}
