package online.niso.common.pkg;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One payload member to write: archive path ({@code /}-separated, relative, no trailing slash),
 * type, normalised mode, and the source file (files) or link target (symlinks).
 */
public record PackEntry(String path, EntryType type, int mode, Path source, String linkTarget) {
    public static final int FILE_MODE = 0644;
    public static final int EXEC_MODE = 0755;
    public static final int DIR_MODE = 0755;
    public static final int SYMLINK_MODE = 0777;

    public PackEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        switch (type) {
            case FILE -> {
                Objects.requireNonNull(source, "source");
                if (mode != FILE_MODE && mode != EXEC_MODE) {
                    throw new IllegalArgumentException(path + ": file mode must be normalised to 0644 or 0755");
                }
            }
            case DIRECTORY -> {
                if (mode != DIR_MODE) {
                    throw new IllegalArgumentException(path + ": directory mode must be 0755");
                }
            }
            case SYMLINK -> {
                Objects.requireNonNull(linkTarget, "linkTarget");
                if (mode != SYMLINK_MODE) {
                    throw new IllegalArgumentException(path + ": symlink mode must be 0777");
                }
            }
        }
    }

    /** A regular file; any execute bit in the source mode makes it 0755, otherwise 0644. */
    public static PackEntry file(String path, Path source, boolean executable) {
        return new PackEntry(path, EntryType.FILE, executable ? EXEC_MODE : FILE_MODE, source, null);
    }

    public static PackEntry directory(String path) {
        return new PackEntry(path, EntryType.DIRECTORY, DIR_MODE, null, null);
    }

    public static PackEntry symlink(String path, String target) {
        return new PackEntry(path, EntryType.SYMLINK, SYMLINK_MODE, null, target);
    }

    /** Normalised mode for a file given any POSIX mode: 0755 if any execute bit is set, else 0644. */
    public static int normaliseFileMode(int mode) {
        return (mode & 0111) != 0 ? EXEC_MODE : FILE_MODE;
    }
}
