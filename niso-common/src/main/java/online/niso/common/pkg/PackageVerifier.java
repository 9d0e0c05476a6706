package online.niso.common.pkg;

import java.nio.file.Path;

/** Checks a .niso completely (headers, hashes, statement, signature) while writing nothing. */
public final class PackageVerifier {

    private PackageVerifier() {
    }

    public static VerifiedPackage verify(Path niso, TrustPolicy policy) {
        return verify(niso, policy, Limits.DEFAULT);
    }

    public static VerifiedPackage verify(Path niso, TrustPolicy policy, Limits limits) {
        try {
            return PackageScanner.scan(niso, policy, limits, MemberSink.DISCARD);
        } catch (PackageScanner.SinkException e) {
            throw new IllegalStateException("the discarding sink cannot fail", e);
        }
    }
}
