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
import online.niso.common.cmd.CmdResult;
import online.niso.common.error.NisoException;
import online.niso.common.remote.RemoteHost;
import online.niso.fleet.remote.Parallel;
import online.niso.fleet.remote.Scripts;

/**
 * Where deploys are recorded: a local append-only JSON-lines file (one write per record, O_APPEND, so
 * concurrent writers never interleave within a line) and, on each touched host, one file per deploy under
 * {@link #HOST_DIR} (written atomically: temp file + rename). Recording is best effort: a host that cannot be written to is
 * reported as a warning, never turned into a failed deploy.
 */
public final class AuditLog {
    public static final String HOST_DIR = "/var/lib/niso/fleet-audit";
    static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);
    /** Hosts written to at once. */
    static final int PARALLEL = 32;

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
        String json = r.json();
        String name = r.environment() + "-" + r.time().toEpochMilli() + "-" + r.planDigest().replace("sha256:", "").substring(0, 12) + ".json";
        List<String> touched = r.touchedHosts();
        if (touched.isEmpty()) {
            return warnings;
        }
        // Every host at once, one round trip each (mkdir + temp file + rename in one script): the hosts'
        // records are independent, and a serial loop cost one SFTP session per host after the rollout.
        try {
            for (String w : Parallel.map(touched, PARALLEL, "niso-fleet-audit", host -> recordOn(host, hosts, name, json))) {
                if (w != null) {
                    warnings.add(w);
                }
            }
        } catch (RuntimeException e) { // best effort, like each host's own record: an interrupt, or a bug
            warnings.add("cannot record the deploy on the hosts: " + e.getMessage());
        }
        return warnings;
    }

    /** Null when written, else the warning. */
    private static String recordOn(String host, Function<String, RemoteHost> hosts, String name, String json) {
        try {
            RemoteHost h = hosts.apply(host);
            if (Scripts.fitsAnArgument(json)) {
                CmdResult w = h.exec(Scripts.write(HOST_DIR, HOST_DIR + "/" + name, json), TIMEOUT);
                return w.ok() ? null : "cannot record the deploy on " + host + ": " + w.describe();
            }
            Path tmp = Files.createTempFile("niso-fleet-audit", ".json");
            try {
                Files.writeString(tmp, json + "\n");
                h.exec(Cmd.of("mkdir", "-p", "-m", "0700", HOST_DIR), TIMEOUT);
                h.upload(tmp, HOST_DIR + "/" + name, TIMEOUT);
                return null;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (NisoException e) {
            return "cannot record the deploy on " + host + ": " + e.getMessage();
        } catch (IOException e) {
            return "cannot prepare the audit record for " + host + ": " + e.getMessage();
        }
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
