package online.niso.node.systemd;

import java.nio.file.Path;

/** Lets golden tests in other packages use {@link GoldenFiles} (same update flag, same messages). */
public final class GoldenFilesAccess {
    private GoldenFilesAccess() {}

    public static void assertMatches(Path expected, String actual) {
        GoldenFiles.assertMatches(expected, actual);
    }
}
