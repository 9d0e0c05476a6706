package online.niso.node.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes the {@code .<key>.tmp-*} / {@code .old-*} trees RootfsAssembler and ReleaseDirs leave when killed
 * mid-way.
 */
final class RootfsCleanup {
    private RootfsCleanup() {}

    static void removeLeftovers(Path parent) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> list = Files.list(parent)) {
            for (Path p : list.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(".") && (f.contains(".tmp-") || f.contains(".old-"))) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a tree without following links (a release directory's links point at live data). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
