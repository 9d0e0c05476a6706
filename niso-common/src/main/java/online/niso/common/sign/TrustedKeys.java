package online.niso.common.sign;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import online.niso.common.error.InvalidInputException;

/** Loads the operator's trusted public keys (every {@code *.pub} in a directory, e.g. /etc/niso/trusted-keys). */
public final class TrustedKeys {
    public static final Path DEFAULT_DIR = Path.of("/etc/niso/trusted-keys");

    private TrustedKeys() {
    }

    /**
     * Every {@code *.pub} file in {@code dir}, sorted by file name; a missing directory means no
     * trusted keys. A malformed key file is an error, not skipped: silently ignoring a trusted key
     * could turn "signature required" into "unsigned accepted".
     */
    public static List<TrustedKey> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.pub")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new InvalidInputException("cannot list trusted keys in " + dir + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<TrustedKey> keys = new ArrayList<>();
        for (Path f : files) {
            keys.add(TrustedKey.of(SigningKeys.readPublic(f), f.toString()));
        }
        return List.copyOf(keys);
    }

    public static TrustedKey loadOne(Path pubFile) {
        return TrustedKey.of(SigningKeys.readPublic(pubFile), pubFile.toString());
    }
}
