package online.niso.common.pkg;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import online.niso.common.sign.SigningKey;

/**
 * Everything PackageWriter needs; no environment is read below this point.
 *
 * @param mtimeEpochSeconds the mtime stamped on every member: the CLI passes SOURCE_DATE_EPOCH
 *                          when set, else {@link #DEFAULT_MTIME}, so output never depends on the clock
 */
public record PackRequest(String name, String version, String arch, byte[] manifest, List<PackEntry> entries,
                          Optional<SigningKey> signingKey, long mtimeEpochSeconds, Path outputDir) {
    /** 2020-01-01T00:00:00Z: a fixed, non-zero default (some tools treat mtime 0 as "missing"). */
    public static final long DEFAULT_MTIME = 1_577_836_800L;

    public PackRequest {
        Objects.requireNonNull(manifest, "manifest");
        entries = List.copyOf(entries);
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(outputDir, "outputDir");
        if (mtimeEpochSeconds < 0) {
            throw new IllegalArgumentException("mtime must not be negative");
        }
    }

    /** Parses SOURCE_DATE_EPOCH as reproducible-builds.org defines it; empty/absent → default. */
    public static long mtimeFromSourceDateEpoch(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MTIME;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new online.niso.common.error.InvalidInputException(
                    "SOURCE_DATE_EPOCH must be a non-negative integer (seconds), got \"" + value + "\"");
        }
    }
}
