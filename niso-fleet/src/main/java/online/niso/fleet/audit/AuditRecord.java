package online.niso.fleet.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import online.niso.common.json.Json;
import online.niso.fleet.rollout.RolloutResult;

/** One deploy, as recorded locally and on every host it touched: who, when, why, what plan, how it ended. */
public record AuditRecord(Instant time, String fleet, String environment, String holder, String version, String message,
                          String planDigest, RolloutResult result) {

    /** One JSON line (keys sorted), the unit of both the local log and the per-host files. */
    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", Json.SCHEMA);
        m.put("time", time.toString());
        m.put("fleet", fleet);
        m.put("environment", environment);
        m.put("holder", holder);
        m.put("niso_fleet_version", version);
        m.put("message", message);
        m.put("plan_digest", planDigest);
        m.put("outcome", result.outcome().wire());
        m.put("failed_host", result.failedHost().orElse(null));
        m.put("reason", result.reason().orElse(null));
        m.put("hosts", result.hosts().stream().map(h -> Map.of("host", h.host(), "result", h.state().wire(), "detail", h.detail())).toList());
        return Json.line(m);
    }

    /** Hosts the rollout did something to (an untouched host has nothing to record). */
    public List<String> touchedHosts() {
        return result.hosts().stream().filter(h -> h.state() != RolloutResult.HostState.UNTOUCHED)
                .map(RolloutResult.HostReport::host).toList();
    }
}
