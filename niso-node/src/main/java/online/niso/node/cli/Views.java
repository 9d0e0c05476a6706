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

    /**
     * A view that builds its own JSON tree from jackson's node types, so printing it never builds the
     * ObjectMapper: its serializer factories and the introspection of each record cost a cold
     * {@code niso status --json} (the call niso-fleet makes on every host) ~140 ms of CPU. The tree must give
     * the text the mapper gives for the record (ContractTreesTest).
     */
    interface TreeView extends View {
        com.fasterxml.jackson.databind.node.ObjectNode tree();
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

    record RuntimeRemoved(String name, String version) implements View {
        @Override
        public String text() {
            return "removed runtime " + name + ":" + version;
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

    record KeyGenerated(String keyId, String privateKey, String publicKey) implements View {
        @Override
        public String text() {
            return "generated Ed25519 key " + keyId + "\n  private: " + privateKey + " (keep secret)\n  public:  "
                    + publicKey;
        }
    }

    record Packed(String file, String digest, String signer, long bytes, int files, long uncompressedBytes)
            implements View {
        static Packed of(online.niso.common.pkg.PackResult r) {
            return new Packed(r.file().toString(), r.digest(), r.keyId().map(Object::toString).orElse(null), r.size(),
                    r.fileCount(), r.uncompressedBytes());
        }

        @Override
        public String text() {
            return java.nio.file.Path.of(file).getFileName() + " (" + Table.humanBytes(bytes) + ", " + files
                    + " files, " + Table.humanBytes(uncompressedBytes) + " unpacked)\n  digest: " + digest
                    + "\n  " + (signer == null ? "unsigned" : "signed by " + signer) + "\n  written to " + file;
        }
    }

    record VerifiedView(String file, String name, String version, String digest, String signature, String signer,
            int files) implements View {
        static VerifiedView of(java.nio.file.Path file, online.niso.common.pkg.VerifiedPackage v,
                online.niso.common.model.Manifest m) {
            return new VerifiedView(file.toString(), m.pkg().name(), m.pkg().version().toString(), v.digest(),
                    v.signatureStatus().name().toLowerCase(java.util.Locale.ROOT),
                    v.signer().map(Object::toString).orElse(null), v.fileCount());
        }

        @Override
        public String text() {
            return "OK " + name + " " + version + " (" + files + " files, checksums match)\n  digest: " + digest
                    + "\n  " + switch (signature) {
                        case "trusted" -> "signed by " + signer + " (trusted)";
                        case "untrusted" -> "signed by " + signer + " (untrusted: no trusted keys configured)";
                        default -> "unsigned";
                    };
        }
    }

    record InstalledView(String name, String version, String digest, String outcome, String signature,
            String signer) implements View {
        static InstalledView of(online.niso.node.pkg.InstallService.Installed i) {
            var p = i.result().installed();
            return new InstalledView(p.name(), p.version(), p.digest(),
                    i.result().outcome().name().toLowerCase(java.util.Locale.ROOT),
                    i.verified().signatureStatus().name().toLowerCase(java.util.Locale.ROOT),
                    p.signerKeyId().orElse(null));
        }

        @Override
        public String text() {
            String what = switch (outcome) {
                case "already_installed" -> "already installed (same digest), nothing to do:";
                case "replaced" -> "replaced";
                default -> "installed";
            };
            return what + " " + name + " " + version + "\n  digest: " + digest + "\n  "
                    + (signer == null ? "unsigned" : "signed by " + signer + " (" + signature + ")");
        }
    }

    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon >= 0 ? digest.substring(colon + 1) : digest;
        return (colon >= 0 ? digest.substring(0, colon + 1) : "") + hex.substring(0, Math.min(12, hex.length()));
    }
}
