package online.niso.fleet.remote;

/** One installed release of a package: the version and its digest ({@code sha256:<hex>}). */
public record Release(String version, String digest) {
    @Override
    public String toString() {
        return version + " (" + digest + ")";
    }
}
