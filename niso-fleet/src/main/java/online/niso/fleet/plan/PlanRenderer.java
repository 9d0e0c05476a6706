package online.niso.fleet.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import online.niso.common.json.Json;
import online.niso.common.model.RolloutPolicy;
import online.niso.fleet.inventory.Digests;
import online.niso.fleet.remote.Release;

/** One renderer for `plan` and `deploy`: deterministic text for people, JSON (keys sorted) for machines. */
public final class PlanRenderer {

    private PlanRenderer() {}

    public static String text(RolloutPlan plan) {
        StringBuilder sb = new StringBuilder();
        long changes = plan.activations().count();
        sb.append("Plan for ").append(plan.environment()).append(": ").append(changes).append(changes == 1 ? " host" : " hosts")
                .append(" to change, ").append(plan.skipped().size() - plan.unreachable().size()).append(" unchanged, ")
                .append(plan.unreachable().size()).append(" unreachable\n");
        sb.append(policy(plan.policy())).append('\n');
        for (Wave w : plan.waves()) {
            sb.append('\n').append("wave ").append(w.index()).append(" (").append(w.kind().label()).append(", ")
                    .append(w.actions().size()).append(w.actions().size() == 1 ? " host" : " hosts").append(")\n");
            for (HostAction.Activate a : w.actions()) {
                for (Change c : a.changes()) {
                    sb.append("  ").append(a.host()).append("  ").append(c.service()).append("  ")
                            .append(c.from().map(Release::version).orElse("(none)")).append(" → ")
                            .append(c.target().pkg()).append("  ").append(Digests.shortForm(c.target().digest()))
                            .append(c.upload() ? "  upload" : "  installed").append('\n');
                }
                for (String u : a.unchanged()) {
                    sb.append("  ").append(a.host()).append("  ").append(u).append("  unchanged\n");
                }
            }
        }
        if (!plan.skipped().isEmpty()) {
            sb.append("\nskip\n");
            for (HostAction.Skip s : plan.skipped()) {
                sb.append("  ").append(s.host()).append("  ").append(s.reason()).append('\n');
            }
        }
        if (plan.isEmpty()) {
            sb.append("\nNothing to do: every reachable host runs the desired releases.\n");
        }
        sb.append("\nobserved ").append(plan.observedDigest()).append('\n');
        sb.append("plan     ").append(plan.digest()).append('\n');
        return sb.toString();
    }

    public static String policy(RolloutPolicy p) {
        StringBuilder sb = new StringBuilder("strategy ").append(p.strategy().configName());
        if (p.strategy() == RolloutPolicy.Strategy.CANARY) {
            sb.append(", canary ").append(p.canary().orElse(RolloutPolicy.DEFAULT_CANARY))
                    .append(p.autoPromote() ? " (auto promote)" : " (manual promote)");
        }
        if (p.strategy() != RolloutPolicy.Strategy.ALL_AT_ONCE) {
            sb.append(", max_parallel ").append(p.maxParallel());
        }
        return sb.append(", min_healthy_time ").append(duration(p.minHealthyTime()))
                .append(", healthy_deadline ").append(duration(p.healthyDeadline()))
                .append(", progress_deadline ").append(duration(p.progressDeadline()))
                .append(", auto_revert ").append(p.autoRevert() ? "on" : "off").toString();
    }

    public static String json(RolloutPlan plan) {
        Map<String, Object> doc = document(plan);
        doc.put("plan_digest", planDigest(plan));
        return Json.line(doc);
    }

    static String planDigest(RolloutPlan plan) {
        return Digests.sha256(Json.line(document(plan)));
    }

    private static Map<String, Object> document(RolloutPlan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", Json.SCHEMA);
        doc.put("environment", plan.environment());
        doc.put("desired_digest", plan.desiredDigest());
        doc.put("observed_digest", plan.observedDigest());
        doc.put("policy", policyJson(plan.policy()));
        List<Object> waves = new ArrayList<>();
        for (Wave w : plan.waves()) {
            List<Object> hosts = new ArrayList<>();
            for (HostAction.Activate a : w.actions()) {
                List<Object> changes = new ArrayList<>();
                for (Change c : a.changes()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("service", c.service());
                    m.put("package", c.target().pkg().name());
                    m.put("to", release(c.to()));
                    m.put("from", c.from().map(PlanRenderer::release).orElse(null));
                    m.put("upload", c.upload());
                    m.put("why", c.why());
                    changes.add(m);
                }
                hosts.add(Map.of("host", a.host(), "changes", changes, "unchanged", a.unchanged()));
            }
            waves.add(Map.of("index", w.index(), "kind", w.kind().label(), "hosts", hosts));
        }
        doc.put("waves", waves);
        doc.put("skipped", plan.skipped().stream()
                .map(s -> Map.of("host", s.host(), "kind", s.kind().name().toLowerCase(java.util.Locale.ROOT), "reason", s.reason()))
                .toList());
        return doc;
    }

    private static Map<String, Object> release(Release r) {
        return Map.of("version", r.version(), "digest", r.digest());
    }

    private static Map<String, Object> policyJson(RolloutPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", p.strategy().configName());
        m.put("max_parallel", p.maxParallel().toString());
        m.put("canary", p.canary().map(Object::toString).orElse(null));
        m.put("auto_promote", p.autoPromote());
        m.put("min_healthy_time", duration(p.minHealthyTime()));
        m.put("healthy_deadline", duration(p.healthyDeadline()));
        m.put("progress_deadline", duration(p.progressDeadline()));
        m.put("auto_revert", p.autoRevert());
        m.put("pause_between_waves", duration(p.pauseBetweenWaves()));
        return m;
    }

    /** "90s" → "1m30s": the same units the config accepts. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) {
            sb.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            sb.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }
}
