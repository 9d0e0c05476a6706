package online.niso.common.pkg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import online.niso.common.sign.TrustedKey;

/**
 * Which signatures an install accepts: keys from {@code --verify-key} plus the trusted-keys
 * directory, and whether unsigned packages are allowed when keys are configured.
 */
public record TrustPolicy(List<TrustedKey> trustedKeys, boolean allowUnsigned) {

    public TrustPolicy {
        List<TrustedKey> sorted = new ArrayList<>(trustedKeys);
        sorted.sort(Comparator.comparing(TrustedKey::keyId));
        trustedKeys = List.copyOf(sorted);
    }

    /** No trusted keys: unsigned accepted, signatures only checked for consistency. */
    public static TrustPolicy none() {
        return new TrustPolicy(List.of(), false);
    }

    public static TrustPolicy requireOneOf(List<TrustedKey> keys) {
        return new TrustPolicy(keys, false);
    }

    public TrustPolicy withAllowUnsigned(boolean allow) {
        return new TrustPolicy(trustedKeys, allow);
    }

    public TrustPolicy plus(TrustedKey key) {
        List<TrustedKey> all = new ArrayList<>(trustedKeys);
        all.add(key);
        return new TrustPolicy(all, allowUnsigned);
    }
}
