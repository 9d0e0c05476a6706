package online.niso.fleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.json.Json;

/**
 * `niso-fleet plan ENV --out FILE` writes the plan; `deploy ENV --plan FILE` re-collects the snapshot,
 * re-plans and refuses (exit 3) unless the fleet and the desired state are what the plan saw — the
 * equivalent of Nomad's -check-index.
 */
public final class PlanFile {

    /** The parts of a saved plan that identify what it was computed from. */
    public record Header(String environment, String desiredDigest, String observedDigest, String planDigest) {}

    private PlanFile() {}

    public static void write(Path file, RolloutPlan plan) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, PlanRenderer.json(plan) + "\n");
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot write plan file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Header read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read plan file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.path("schema").asInt() != Json.SCHEMA) {
            throw new InvalidInputException(file + ": not a niso-fleet plan (schema " + Json.SCHEMA + ")");
        }
        String[] keys = {"environment", "desired_digest", "observed_digest", "plan_digest"};
        for (String k : keys) {
            if (!root.path(k).isTextual()) {
                throw new InvalidInputException(file + ": plan has no \"" + k + "\"");
            }
        }
        return new Header(root.get("environment").asText(), root.get("desired_digest").asText(),
                root.get("observed_digest").asText(), root.get("plan_digest").asText());
    }

    /** Pure check of a saved plan against a freshly computed one. */
    public static void requireCurrent(Header saved, RolloutPlan now) {
        if (!saved.environment().equals(now.environment())) {
            throw new InvalidInputException("the plan is for environment " + saved.environment() + ", not " + now.environment());
        }
        if (!saved.desiredDigest().equals(now.desiredDigest())) {
            throw new UnexpectedStateException("the configuration or artifacts changed since the plan was made (desired "
                    + saved.desiredDigest() + ", now " + now.desiredDigest() + "); run `niso-fleet plan` again");
        }
        if (!saved.observedDigest().equals(now.observedDigest())) {
            throw new UnexpectedStateException("the fleet changed since the plan was made (observed "
                    + saved.observedDigest() + ", now " + now.observedDigest() + "); run `niso-fleet plan` again");
        }
        if (!saved.planDigest().equals(now.digest())) {
            throw new UnexpectedStateException("the plan differs from what this niso-fleet computes (plan "
                    + saved.planDigest() + ", now " + now.digest() + "); run `niso-fleet plan` again");
        }
    }
}
