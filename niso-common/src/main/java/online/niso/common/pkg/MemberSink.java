package online.niso.common.pkg;

import java.io.IOException;
import java.io.OutputStream;

/** Where PackageScanner puts accepted members: the staging directory, or nowhere (verify only). */
interface MemberSink {
    void directory(String path) throws IOException;

    void symlink(String path, String target) throws IOException;

    /**
     * A stream for the file's bytes ({@code size} as declared in the header); the scanner closes
     * it. {@code mode} is normalised (0644/0755).
     */
    OutputStream file(String path, int mode, long size) throws IOException;

    /** Called after the file's stream was closed. */
    default void fileDone(String path, int mode) throws IOException {
    }

    MemberSink DISCARD = new MemberSink() {
        @Override
        public void directory(String path) {
        }

        @Override
        public void symlink(String path, String target) {
        }

        @Override
        public OutputStream file(String path, int mode, long size) {
            return OutputStream.nullOutputStream();
        }
    };
}
