package online.niso.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import online.niso.common.cli.NisoVersion;
import online.niso.common.json.Json;
import online.niso.common.json.JsonTrees;
import online.niso.common.model.StackService;
import online.niso.common.stack.ServiceConfigDigest;
import online.niso.node.activate.ActivationResult;
import online.niso.node.activate.ServiceStatus;
import online.niso.node.activate.VersionRef;
import online.niso.node.state.InstalledPackage;

/**
 * The documents niso-fleet parses (schema 1, snake_case, keys sorted): {@code status}, {@code activate} /
 * {@code rollback} and {@code deactivate}. Fixtures: test-infra/src/main/resources/contract/*.json.
 *
 * <p>Each document builds its own JSON tree ({@link Views.TreeView}); the Jackson annotations stay as the
 * reference that {@code ContractTreesTest} holds the trees to (same text as the ObjectMapper's, for seeded
 * random documents).
 */
final class ContractViews {
    private ContractViews() {}

    /** A part of a contract document, as a tree. */
    interface Tree {
        ObjectNode tree();
    }

    private static JsonNode treeOrNull(Tree part) {
        return part == null ? NullNode.getInstance() : part.tree();
    }

    private static ObjectNode document() {
        return JsonTrees.object().put("schema", Json.SCHEMA);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VersionDoc(String version, String digest) implements Tree {
        static VersionDoc of(VersionRef r) {
            return new VersionDoc(r.version(), r.digest());
        }

        @Override
        public ObjectNode tree() {
            return JsonTrees.object().put("digest", digest).put("version", version);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FailureDoc(String reason, String unitStatus, String journalTail, String probeOutput) implements Tree {
        @Override
        public ObjectNode tree() {
            return JsonTrees.object().put("journal_tail", journalTail).put("probe_output", probeOutput)
                    .put("reason", reason).put("unit_status", unitStatus);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ActivateDoc(String service, String outcome, VersionDoc from, VersionDoc to, String health, long durationMs,
            FailureDoc failure) implements Views.TreeView {
        static ActivateDoc of(ActivationResult r) {
            return new ActivateDoc(r.service(), r.outcome(), r.from().map(VersionDoc::of).orElse(null),
                    r.to().map(VersionDoc::of).orElse(null), r.health(), r.durationMs(),
                    r.failure().map(f -> new FailureDoc(f.reason(), f.unitStatus(), f.journalTail(), f.probeOutput()))
                            .orElse(null));
        }

        @Override
        public String text() {
            String fromText = from == null ? "nothing" : from.version();
            String toText = to == null ? "nothing" : to.version();
            StringBuilder sb = new StringBuilder(switch (outcome) {
                case "activated" -> service + ": activated " + toText + " (was " + fromText + "), " + health;
                case "unchanged" -> service + ": " + toText + " is already active and " + health + ", nothing to do";
                case "rolled_back" -> service + ": " + (failure == null ? "rolled back to " + toText
                        : toText + " was not healthy; restored " + fromText);
                default -> service + ": " + outcome + " (" + fromText + " → " + toText + ")";
            }).append(" in ").append(durationMs).append(" ms");
            if (failure != null) {
                sb.append("\n  reason: ").append(failure.reason());
                appendBlock(sb, "probe", failure.probeOutput());
                appendBlock(sb, "unit status", failure.unitStatus());
                appendBlock(sb, "journal", failure.journalTail());
            }
            return sb.toString();
        }

        @Override
        public ObjectNode tree() {
            ObjectNode o = document().put("duration_ms", durationMs).put("health", health).put("outcome", outcome)
                    .put("service", service);
            o.set("failure", treeOrNull(failure));
            o.set("from", treeOrNull(from));
            o.set("to", treeOrNull(to));
            return o;
        }

        private static void appendBlock(StringBuilder sb, String title, String text) {
            if (text != null && !text.isBlank()) {
                sb.append("\n  ").append(title).append(":\n    ").append(text.strip().replace("\n", "\n    "));
            }
        }
    }

    record DeactivateDoc(String service, String outcome) implements Views.TreeView {
        @Override
        public String text() {
            return service + ": deactivated (stopped, disabled, unit removed)";
        }

        @Override
        public ObjectNode tree() {
            return document().put("outcome", outcome).put("service", service);
        }
    }

    /**
     * The service's stored definition as niso-fleet compares it with stack.toml: {@link ServiceConfigDigest} of
     * it, per field, and the environment's keys — never a value. Added to schema 1 (older controllers ignore it).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DefinitionDoc(String digest, List<String> environmentKeys, java.util.SortedMap<String, String> fields)
            implements Tree {
        static DefinitionDoc of(StackService s) {
            return new DefinitionDoc(ServiceConfigDigest.of(s), List.copyOf(s.environment().keySet()),
                    ServiceConfigDigest.fields(s));
        }

        @Override
        public ObjectNode tree() {
            ObjectNode o = JsonTrees.object().put("digest", digest);
            ArrayNode keys = o.putArray("environment_keys");
            environmentKeys.forEach(keys::add);
            ObjectNode byField = o.putObject("fields");
            fields.forEach(byField::put);
            return o;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServiceDoc(String name, String unit, String packageName, String version, String digest,
            VersionDoc previous, String activeState, String subState, String health, String since,
            DefinitionDoc definition) implements Tree {
        static ServiceDoc of(ServiceStatus s) {
            return new ServiceDoc(s.name(), s.unit(), s.packageName(), s.current().version(), s.current().digest(),
                    s.previous().map(VersionDoc::of).orElse(null), s.activeState(), s.subState(), s.health(),
                    s.since().map(Object::toString).orElse(null), s.definition().map(DefinitionDoc::of).orElse(null));
        }

        // The contract calls it "package" (a Java keyword, hence the field name above).
        @com.fasterxml.jackson.annotation.JsonProperty("package")
        @Override
        public String packageName() {
            return packageName;
        }

        @Override
        public ObjectNode tree() {
            ObjectNode o = JsonTrees.object().put("active_state", activeState).put("digest", digest)
                    .put("health", health).put("name", name).put("package", packageName).put("since", since)
                    .put("sub_state", subState).put("unit", unit).put("version", version);
            o.set("definition", treeOrNull(definition));
            o.set("previous", treeOrNull(previous));
            return o;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PackageDoc(String name, String version, String digest) implements Tree {
        @Override
        public ObjectNode tree() {
            return JsonTrees.object().put("digest", digest).put("name", name).put("version", version);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusDoc(String host, String nisoVersion, List<ServiceDoc> services, List<PackageDoc> packages)
            implements Views.TreeView {
        static StatusDoc of(String host, List<ServiceStatus> services, List<InstalledPackage> packages) {
            return new StatusDoc(host, NisoVersion.get(), services.stream().map(ServiceDoc::of).toList(),
                    packages.stream().map(p -> new PackageDoc(p.name(), p.version(), p.digest())).toList());
        }

        @Override
        public String text() {
            if (services.isEmpty()) {
                return "no active services on " + host;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SERVICE", "VERSION", "STATE", "HEALTH", "PREVIOUS", "SINCE"));
            for (ServiceDoc s : services) {
                rows.add(List.of(s.name(), s.version(), s.activeState() + "/" + s.subState(), s.health(),
                        s.previous() == null ? "-" : s.previous().version(), s.since() == null ? "-" : s.since()));
            }
            return Table.render(rows);
        }

        @Override
        public ObjectNode tree() {
            ObjectNode o = document().put("host", host).put("niso_version", nisoVersion);
            ArrayNode p = o.putArray("packages");
            packages.forEach(d -> p.add(d.tree()));
            ArrayNode sv = o.putArray("services");
            services.forEach(d -> sv.add(d.tree()));
            return o;
        }
    }
}
