package online.niso.node.activate;

import java.util.Objects;

/** A version of a package together with its content digest (sha256:…). */
public record VersionRef(String version, String digest) {
    public VersionRef {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(digest, "digest");
    }
}
