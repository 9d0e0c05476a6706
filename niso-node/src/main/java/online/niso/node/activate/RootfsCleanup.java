package online.niso.node.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the {@code .<version>.tmp-*} / {@code .old-*} trees RootfsAssembler leaves when killed mid-way. */
final class RootfsCleanup {
    private RootfsCleanup() {}

    static void removeLeftovers(Path rootfsParent) {
        if (!Files.isDirectory(rootfsParent)) {
            return;
        }
        try (Stream<Path> list = Files.list(rootfsParent)) {
            for (Path p : list.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(".") && (f.contains(".tmp-") || f.contains(".old-"))) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(q);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
