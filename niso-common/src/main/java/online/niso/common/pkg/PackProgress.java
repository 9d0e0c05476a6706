package online.niso.common.pkg;

/**
 * Told by {@link PackageWriter} after each payload entry is written, on the writing thread; lets
 * the CLI draw a progress bar without the library knowing about terminals. Must be cheap and must
 * not throw.
 */
@FunctionalInterface
public interface PackProgress {
    PackProgress NONE = (entriesDone, bytesDone) -> {
    };

    /** @param entriesDone payload entries written so far; @param bytesDone payload file bytes so far */
    void written(int entriesDone, long bytesDone);
}
