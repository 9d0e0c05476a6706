package online.niso.common.pkg;

/** Fixed member names at the package root. */
public final class Layout {
    public static final String MANIFEST = "manifest.toml";
    public static final String CHECKSUMS = "checksums.sha256";
    public static final String SIGNATURE = "signature.ed25519";
    public static final String EXTENSION = ".niso";

    private Layout() {
    }

    public static boolean isReserved(String path) {
        return path.equals(MANIFEST) || path.equals(CHECKSUMS) || path.equals(SIGNATURE);
    }
}
