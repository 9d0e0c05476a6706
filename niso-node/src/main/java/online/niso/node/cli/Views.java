package online.niso.node.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import online.niso.common.json.Json;
import online.niso.node.runtime.RuntimeStore;
import online.niso.node.state.InstalledPackage;

/**
 * What commands report, as records: serialised as-is for {@code --json} (a versioned contract with
 * {@code "schema": 1}) and rendered by {@link #text()} for people.
 */
final class Views {
    private Views() {}

    interface View {
        @JsonIgnore
        String text();

        @JsonProperty("schema")
        default int schema() {
            return Json.SCHEMA;
        }
    }

    record PackageRow(String name, String version, String digest, String signer, String installedAt,
            long files, long bytes) {
        static PackageRow of(InstalledPackage p) {
            return new PackageRow(p.name(), p.version(), p.digest(), p.signerKeyId().orElse(null),
                    p.installedAt().toString(), p.fileCount(), p.sizeBytes());
        }
    }

    record PackageList(List<PackageRow> packages) implements View {
        @Override
        public String text() {
            if (packages.isEmpty()) {
                return "no packages installed";
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("NAME", "VERSION", "DIGEST", "SIGNER", "SIZE"));
            for (PackageRow p : packages) {
                rows.add(List.of(p.name(), p.version(), shortDigest(p.digest()),
                        p.signer() == null ? "unsigned" : p.signer(), Table.humanBytes(p.bytes())));
            }
            return Table.render(rows);
        }
    }

    record Removed(String name, String version, String digest) implements View {
        @Override
        public String text() {
            return "removed " + name + " " + version;
        }
    }

    record RuntimeAdded(RuntimeStore.InstalledRuntime runtime) implements View {
        @Override
        public String text() {
            return "added runtime " + runtime.name() + ":" + runtime.version() + " from " + runtime.source() + " ("
                    + runtime.files() + " files, " + Table.humanBytes(runtime.bytes()) + ")";
        }
    }

    record RuntimeList(List<RuntimeStore.InstalledRuntime> runtimes) implements View {
        @Override
        public String text() {
            if (runtimes.isEmpty()) {
                return "no runtimes installed";
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("RUNTIME", "SOURCE", "FILES", "SIZE"));
            for (var r : runtimes) {
                rows.add(List.of(r.name() + ":" + r.version(), r.source(), Long.toString(r.files()),
                        Table.humanBytes(r.bytes())));
            }
            return Table.render(rows);
        }
    }

    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon >= 0 ? digest.substring(colon + 1) : digest;
        return (colon >= 0 ? digest.substring(0, colon + 1) : "") + hex.substring(0, Math.min(12, hex.length()));
    }
}
