package online.niso.common.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, filtered in by Maven at build time. */
public final class NisoVersion {
    private NisoVersion() {}

    public static String get() {
        try (InputStream in = NisoVersion.class.getResourceAsStream("/online/niso/common/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
