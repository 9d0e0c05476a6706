package online.niso.common.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import online.niso.common.sign.SigningKey;

/** Builds small project trees and packages for tests. */
final class TestPackages {
    static final String MANIFEST = "[package]\nname = \"demo\"\nversion = \"1.0.0\"\n\n[binary]\nentrypoint = \"demo\"\n";

    private TestPackages() {
    }

    /** A project with nested dirs, an executable, a relative symlink, a space in a name. */
    static Path project(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib/deep/er"));
        Files.writeString(dir.resolve("manifest.toml"), MANIFEST);
        Files.writeString(dir.resolve("bin/demo"), "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(dir.resolve("bin/demo"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("lib/a.txt"), "alpha\n");
        Files.writeString(dir.resolve("lib/deep/er/b.txt"), "beta ".repeat(1000));
        Files.writeString(dir.resolve("lib/with space.txt"), "space\n");
        Files.write(dir.resolve("lib/empty"), new byte[0]);
        Files.createSymbolicLink(dir.resolve("lib/current"), Path.of("deep/er/b.txt"));
        return dir;
    }

    static PackResult pack(Path project, Path out, Optional<SigningKey> key) {
        PackSource.Result src = PackSource.collect(project, List.of(), Optional.empty());
        return new PackageWriter().write(new PackRequest("demo", "1.0.0", "x86_64", src.manifest(), src.entries(), key,
                PackRequest.DEFAULT_MTIME, out));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Every path under {@code root} (relative), for "nothing was written" assertions. */
    static List<String> listAll(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
