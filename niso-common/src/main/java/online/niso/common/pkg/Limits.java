package online.niso.common.pkg;

/**
 * Bounds that stop hostile or broken archives before they hurt the host.
 *
 * @param maxEntries        members (tar headers) in one package
 * @param maxTotalBytes     decompressed tar stream bytes (headers + data)
 * @param maxRatio          decompressed / compressed bytes, checked continuously ...
 * @param ratioSlackBytes   ... once more than this many bytes were decompressed (small packages
 *                          of text compress far beyond any sane ratio and are harmless)
 * @param maxPathBytes      bytes in one member path
 */
public record Limits(long maxEntries, long maxTotalBytes, double maxRatio, long ratioSlackBytes, int maxPathBytes) {

    /** Defaults: 1M entries, 32 GiB, ratio 200 after the first 64 MiB, 4096-byte paths. */
    public static final Limits DEFAULT = new Limits(1_000_000, 32L << 30, 200.0, 64L << 20, ArchivePaths.MAX_PATH_BYTES);

    public Limits {
        if (maxEntries < 4 || maxTotalBytes < 1 || maxRatio < 1 || ratioSlackBytes < 0 || maxPathBytes < 16) {
            throw new IllegalArgumentException("unreasonable limits");
        }
    }
}
