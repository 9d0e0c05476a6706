package online.niso.fleet.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.json.Json;

/**
 * Pure parsers for the `niso … --json` documents (the node contract, schema 1). Anything that does
 * not match the contract is an {@link UnexpectedStateException} naming the host and the field: a
 * host with another niso version must be reported, never guessed at.
 */
public final class NodeJson {
    public static final int SCHEMA = 1;

    private NodeJson() {}

    public static NodeStatus status(String host, String json) {
        JsonNode root = root(host, "status", json);
        try {
            List<NodeStatus.ServiceState> services = new ArrayList<>();
            for (JsonNode s : array(root, "services")) {
                services.add(new NodeStatus.ServiceState(text(s, "name"), text(s, "unit"), text(s, "package"),
                        text(s, "version"), text(s, "digest"), release(s.get("previous")), text(s, "active_state"),
                        text(s, "sub_state"), Health.parse(text(s, "health")), instant(s.get("since")),
                        definition(s.get("definition"))));
            }
            List<NodeStatus.InstalledPackage> packages = new ArrayList<>();
            for (JsonNode p : array(root, "packages")) {
                packages.add(new NodeStatus.InstalledPackage(text(p, "name"), text(p, "version"), text(p, "digest")));
            }
            return new NodeStatus(text(root, "host"), text(root, "niso_version"), services, packages);
        } catch (IllegalArgumentException e) {
            throw bad(host, "status", e.getMessage());
        }
    }

    public static ActivationResult activation(String host, String json) {
        JsonNode root = root(host, "activate", json);
        try {
            JsonNode f = root.get("failure");
            Optional<ActivationResult.Failure> failure = f == null || f.isNull() ? Optional.empty()
                    : Optional.of(new ActivationResult.Failure(text(f, "reason"), optText(f, "unit_status"),
                            optText(f, "journal_tail"), optText(f, "probe_output")));
            JsonNode duration = root.get("duration_ms");
            if (duration == null || !duration.canConvertToLong()) {
                throw new IllegalArgumentException("duration_ms: expected a number");
            }
            return new ActivationResult(text(root, "service"), ActivationResult.Outcome.parse(text(root, "outcome")),
                    release(root.get("from")), release(root.get("to")), Health.parse(text(root, "health")),
                    duration.asLong(), failure);
        } catch (IllegalArgumentException e) {
            throw bad(host, "activate", e.getMessage());
        }
    }

    /** `niso deactivate --json`: returns the service name once the outcome is "deactivated". */
    public static String deactivation(String host, String json) {
        JsonNode root = root(host, "deactivate", json);
        try {
            if (!"deactivated".equals(text(root, "outcome"))) {
                throw new IllegalArgumentException("outcome: expected \"deactivated\", got \"" + text(root, "outcome") + "\"");
            }
            return text(root, "service");
        } catch (IllegalArgumentException e) {
            throw bad(host, "deactivate", e.getMessage());
        }
    }

    private static JsonNode root(String host, String what, String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw bad(host, what, "not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad(host, what, "expected one JSON object");
        }
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isInt() || schema.asInt() != SCHEMA) {
            throw new UnexpectedStateException(host + ": `niso " + what + " --json` speaks contract schema "
                    + (schema == null ? "(none)" : schema.toString()) + "; this niso-fleet understands schema " + SCHEMA
                    + " (install the matching niso on the host)");
        }
        return root;
    }

    private static UnexpectedStateException bad(String host, String what, String detail) {
        return new UnexpectedStateException(host + ": unexpected `niso " + what + " --json` output: " + detail);
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException(field + ": expected an array");
        }
        return a;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return v.asText();
    }

    private static String optText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Optional<Release> release(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new Release(text(node, "version"), text(node, "digest")));
    }

    /**
     * Absent or null: a host whose niso predates the field (added to schema 1 without a bump: older
     * controllers ignore it, and this one treats its absence as "config unknown").
     */
    private static Optional<NodeStatus.Definition> definition(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("definition.fields: expected an object");
        }
        java.util.SortedMap<String, String> f = new java.util.TreeMap<>();
        fields.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("definition.fields." + e.getKey() + ": expected a string");
            }
            f.put(e.getKey(), e.getValue().asText());
        });
        List<String> keys = new ArrayList<>();
        for (JsonNode k : array(node, "environment_keys")) {
            if (!k.isTextual()) {
                throw new IllegalArgumentException("definition.environment_keys: expected strings");
            }
            keys.add(k.asText());
        }
        return Optional.of(new NodeStatus.Definition(text(node, "digest"), f, keys));
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since: expected an ISO-8601 instant, got \"" + node.asText() + "\"");
        }
    }
}
