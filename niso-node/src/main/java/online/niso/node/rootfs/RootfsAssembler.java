package online.niso.node.rootfs;

import online.niso.common.pkg.PackageExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a {@link RootfsPlan}: builds the tree beside its final place and renames it in, so a rootfs
 * is either the old one or the complete new one, never half of each.
 */
public final class RootfsAssembler {

    private RootfsAssembler() {}

    public static void assemble(RootfsPlan plan, Path target) {
        try (online.niso.common.trace.Trace.Span span = online.niso.common.trace.Trace.span("rootfs: assemble " + target)) {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
            try {
                Files.createDirectory(tmp);
                apply(plan, tmp);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    PackageExtractor.deleteTree(old);
                } else {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                PackageExtractor.deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble rootfs " + target, e);
        }
    }

    static void apply(RootfsPlan plan, Path root) throws IOException {
        for (FsOp op : plan.ops()) {
            Path p = root.resolve(op.path());
            if (op instanceof FsOp.MakeDir d) {
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, perms(d.mode()));
            } else if (op instanceof FsOp.Symlink s) {
                Files.createSymbolicLink(p, Path.of(s.target()));
            } else if (op instanceof FsOp.WriteFile w) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, w.content());
                Files.setPosixFilePermissions(p, perms(w.mode()));
            }
        }
    }

    private static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
