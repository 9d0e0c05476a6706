package online.niso.node.rootfs;

/** One filesystem step of assembling a service rootfs, relative to the rootfs directory. */
public sealed interface FsOp {
    String path();

    record MakeDir(String path, int mode) implements FsOp {}

    record Symlink(String path, String target) implements FsOp {}

    record WriteFile(String path, String content, int mode) implements FsOp {}
}
