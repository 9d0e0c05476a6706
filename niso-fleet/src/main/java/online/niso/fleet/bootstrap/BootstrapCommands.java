package online.niso.fleet.bootstrap;

import java.util.List;
import online.niso.common.cmd.Cmd;

/**
 * The commands bootstrap sends, as values. Install = unpack into {@code /opt/niso/<version>.partial},
 * move it into place, then switch {@code /usr/local/bin/niso} with a rename (atomic): a host runs the
 * old niso or the new one, never a half-unpacked one.
 */
public final class BootstrapCommands {
    public static final String OPT = "/opt/niso";
    public static final String LINK = "/usr/local/bin/niso";

    private BootstrapCommands() {}

    public static Cmd javaVersion() {
        return Cmd.of("java", "-version");
    }

    public static Cmd nisoVersion() {
        return Cmd.of("niso", "--version");
    }

    public static String tarball(String version) {
        return "/var/lib/niso/incoming/niso-dist-" + version + ".tar.gz";
    }

    /**
     * The class-data-sharing archive for this host's JVM (lib/make-cds.sh, ~3 s of CPU), made now rather than in
     * the background on niso's first run, where it would compete with the first rollout. A distribution
     * without the script is fine (niso only starts slower).
     */
    static Cmd makeArchive(String dir) {
        return Cmd.of("sh", "-c", "if [ -f \"$1/lib/make-cds.sh\" ]; then sh \"$1/lib/make-cds.sh\" \"$1\" --archive-only; fi",
                "sh", dir);
    }

    public static List<Cmd> install(String version) {
        String dir = OPT + "/" + version;
        String partial = dir + ".partial";
        return List.of(
                Cmd.of("mkdir", "-p", "-m", "0700", "/var/lib/niso/incoming"),
                Cmd.of("rm", "-rf", "--", partial),
                Cmd.of("mkdir", "-p", "-m", "0755", partial),
                Cmd.of("tar", "-xzf", tarball(version), "-C", partial, "--no-same-owner"),
                Cmd.of("rm", "-rf", "--", dir),
                Cmd.of("mv", "-T", "--", partial, dir),
                makeArchive(dir),
                Cmd.of("ln", "-sfn", dir + "/bin/niso", LINK + ".new"),
                Cmd.of("mv", "-T", "--", LINK + ".new", LINK),
                Cmd.of("rm", "-f", "--", tarball(version)));
    }
}
