package online.niso.common.pkg;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Cheap, UNVERIFIED look at a package: the manifest text, for "which name/version is this file?"
 * decisions before a full verify. niso writes manifest.toml first, so this decompresses only the
 * first few KB; other tars are scanned until it turns up. Never trust this for anything security
 * relevant — use PackageVerifier / PackageExtractor.
 */
public final class PackageReader {

    private PackageReader() {
    }

    public static String readManifest(Path niso) {
        try (InputStream in = new ZstdInputStreamNoFinalizer(new BufferedInputStream(Files.newInputStream(niso), 64 << 10));
             TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (PackageScanner.normalise(e.getName()).equals(Layout.MANIFEST) && e.isFile()) {
                    if (e.getSize() > PackageScanner.MAX_MANIFEST_BYTES) {
                        throw new PackageRejectedException(Layout.MANIFEST + ": larger than "
                                + PackageScanner.MAX_MANIFEST_BYTES + " bytes");
                    }
                    return new String(tar.readNBytes((int) e.getSize()), StandardCharsets.UTF_8);
                }
            }
            throw new PackageRejectedException(niso.getFileName() + ": no " + Layout.MANIFEST + " in package");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PackageRejectedException("package not found: " + niso);
        } catch (IOException e) {
            throw new PackageRejectedException("corrupt package " + niso.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
