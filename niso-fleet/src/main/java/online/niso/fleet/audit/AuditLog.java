package online.niso.fleet.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import online.niso.common.cmd.Cmd;
import online.niso.common.error.NisoException;
import online.niso.common.remote.RemoteHost;

/**
 * Where deploys are recorded: a local append-only JSON-lines file (one write per record, O_APPEND, so
 * concurrent writers never interleave within a line) and, on each touched host, one file per deploy under
 * {@link #HOST_DIR} (uploaded atomically). Recording is best effort: a host that cannot be written to is
 * reported as a warning, never turned into a failed deploy.
 */
public final class AuditLog {
    public static final String HOST_DIR = "/var/lib/niso/fleet-audit";
    static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

    private final Path localFile;

    public AuditLog(Path localFile) {
        this.localFile = localFile;
    }

    /** {@code ~/.local/state/niso-fleet/audit.jsonl} (or under $XDG_STATE_HOME). */
    public static Path defaultFile(Path home, java.util.Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        return (state != null && state.startsWith("/") ? Path.of(state) : home.resolve(".local/state"))
                .resolve("niso-fleet/audit.jsonl");
    }

    /** Records locally and on the touched hosts; returns warnings (empty when everything was written). */
    public List<String> record(AuditRecord r, Function<String, RemoteHost> hosts) {
        List<String> warnings = new ArrayList<>();
        try {
            Files.createDirectories(localFile.getParent());
            Files.write(localFile, (r.json() + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            warnings.add("cannot append to the local audit log " + localFile + ": " + e.getMessage());
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("niso-fleet-audit", ".json");
            Files.writeString(tmp, r.json() + "\n");
            String name = r.environment() + "-" + r.time().toEpochMilli() + "-" + r.planDigest().replace("sha256:", "").substring(0, 12) + ".json";
            for (String host : r.touchedHosts()) {
                try {
                    RemoteHost h = hosts.apply(host);
                    h.exec(Cmd.of("mkdir", "-p", "-m", "0700", HOST_DIR), TIMEOUT);
                    h.upload(tmp, HOST_DIR + "/" + name, TIMEOUT);
                } catch (NisoException e) {
                    warnings.add("cannot record the deploy on " + host + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            warnings.add("cannot prepare the audit record: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
        return warnings;
    }

    /** The local records, oldest first. */
    public List<String> read() {
        try {
            return Files.exists(localFile) ? Files.readAllLines(localFile, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new online.niso.common.error.InvalidInputException("cannot read the audit log " + localFile + ": " + e.getMessage(), e);
        }
    }
}
