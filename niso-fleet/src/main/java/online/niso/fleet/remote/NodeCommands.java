package online.niso.fleet.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.cmd.Cmd;

/**
 * The `niso` invocations the fleet sends to hosts, as values (Kamal's commands/*.rb). Pure: tests
 * assert the full rendered string. Only a RemoteHost runs them.
 */
public final class NodeCommands {
    /** Where uploaded packages wait for `niso activate --from`; root-only. */
    public static final String INCOMING = "/var/lib/niso/incoming";

    private final String niso;

    public NodeCommands() {
        this("niso");
    }

    /** {@code niso}: the program on the host (a path when it is not on the remote PATH). */
    public NodeCommands(String niso) {
        this.niso = niso;
    }

    public Cmd status() {
        return Cmd.of(niso, "status", "--json");
    }

    /**
     * Install (from an uploaded file, if any) + activate + wait for health, in one round trip: the
     * host-level health-gated primitive. {@code timeout} bounds the host's wait (healthy_deadline).
     */
    public Cmd activate(String service, Optional<String> version, Optional<String> fromFile, Duration timeout) {
        List<String> args = new ArrayList<>(List.of("activate", service));
        version.ifPresent(args::add);
        fromFile.ifPresent(f -> {
            args.add("--from");
            args.add(f);
        });
        args.addAll(List.of("--wait", "--timeout", seconds(timeout), "--json"));
        return Cmd.of(niso, args.toArray(String[]::new));
    }

    public Cmd rollback(String service) {
        return Cmd.of(niso, "rollback", service, "--json");
    }

    public Cmd deactivate(String service) {
        return Cmd.of(niso, "deactivate", service, "--json");
    }

    public Cmd prepareIncoming() {
        return Cmd.of("mkdir", "-p", "-m", "0700", INCOMING);
    }

    /** The upload destination: named by digest, so a retried upload lands on the same file. */
    public static String incomingPath(String packageName, String version, String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return INCOMING + "/" + packageName + "-" + version + "-" + hex.substring(0, Math.min(16, hex.length())) + ".niso";
    }

    static String seconds(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        return s + "s";
    }
}
