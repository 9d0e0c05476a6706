package online.niso.fleet.lock;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.json.Json;

/**
 * Who holds an environment's deploy lock: {@code holder} is user@machine, {@code pid} the controller
 * process (so the same machine can tell a crashed holder from a live one).
 */
public record LockInfo(String environment, String holder, long pid, Instant since, String version, String message) {

    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", Json.SCHEMA);
        m.put("environment", environment);
        m.put("holder", holder);
        m.put("pid", pid);
        m.put("since", since.toString());
        m.put("version", version);
        m.put("message", message);
        return Json.line(m);
    }

    public static LockInfo parse(String host, String json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            return new LockInfo(n.get("environment").asText(), n.get("holder").asText(), n.get("pid").asLong(),
                    Instant.parse(n.get("since").asText()), n.get("version").asText(), n.path("message").asText(""));
        } catch (Exception e) {
            throw new UnexpectedStateException(host + ": the deploy lock exists but its details are unreadable ("
                    + e.getMessage() + "); inspect it, then `niso-fleet lock release ENV --force`");
        }
    }

    public String describe() {
        return "held by " + holder + " (pid " + pid + ") since " + since + " running niso-fleet " + version
                + (message.isEmpty() ? "" : ": \"" + message + "\"");
    }
}
