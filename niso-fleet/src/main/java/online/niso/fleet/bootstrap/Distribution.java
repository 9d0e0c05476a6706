package online.niso.fleet.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import online.niso.common.error.InvalidInputException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The niso distribution that bootstrap ships: a directory with {@code bin/niso} (the launcher) and
 * {@code lib/*.jar}, as `mvn package` leaves it in niso-node/target/dist. Its version is the
 * {@code VERSION} file if present, else the version of this niso-fleet (both are built together).
 */
public record Distribution(Path dir, String version) {

    public static Distribution of(Path dir, String fallbackVersion) {
        if (!Files.isRegularFile(dir.resolve("bin/niso")) || !Files.isDirectory(dir.resolve("lib"))) {
            throw new InvalidInputException(dir + " is not a niso distribution: expected bin/niso and lib/ (build it with "
                    + "`mvn -pl niso-node -am package`, then pass niso-node/target/dist)");
        }
        try {
            Path v = dir.resolve("VERSION");
            return new Distribution(dir, Files.exists(v) ? Files.readString(v).strip() : fallbackVersion);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + dir.resolve("VERSION") + ": " + e.getMessage(), e);
        }
    }

    /** Writes the distribution as a .tar.gz (sorted entries, fixed times, modes kept) to {@code out}. */
    public void writeTarball(Path out) {
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(os, "UTF-8");
             Stream<Path> walk = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                TarArchiveEntry e = new TarArchiveEntry(dir.relativize(f).toString());
                e.setSize(Files.size(f));
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                e.setMode(perms.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644);
                e.setModTime(1_577_836_800_000L);
                tar.putArchiveEntry(e);
                Files.copy(f, tar);
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new InvalidInputException("cannot pack the niso distribution " + dir + ": " + e.getMessage(), e);
        }
    }
}
