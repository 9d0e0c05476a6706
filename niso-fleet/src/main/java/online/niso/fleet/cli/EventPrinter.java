package online.niso.fleet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import online.niso.common.json.Json;
import online.niso.fleet.rollout.RolloutEvent;
import online.niso.fleet.rollout.RolloutListener;
import online.niso.fleet.rollout.RolloutResult;

/** Rollout events as one line per host event, or as JSON lines with --json. Called from worker threads. */
final class EventPrinter implements RolloutListener {
    private final PrintWriter out;
    private final boolean json;
    private final java.time.Clock clock;

    EventPrinter(PrintWriter out, boolean json, java.time.Clock clock) {
        this.out = out;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public synchronized void on(RolloutEvent e) {
        if (json) {
            // "at": when the controller saw it (ms), so a --json log profiles where a rollout's time went.
            Map<String, Object> m = jsonOf(e);
            m.put("at", java.time.Instant.ofEpochMilli(clock.millis()).toString());
            out.println(Json.line(m));
        } else if (text(e) != null) {
            out.println(text(e));
        }
        out.flush();
    }

    static String text(RolloutEvent e) {
        if (e instanceof RolloutEvent.WaveStarted w) {
            return "wave " + w.index() + " (" + w.kind() + "): " + String.join(", ", w.hosts());
        }
        if (e instanceof RolloutEvent.HostConverged c) {
            return "[" + c.host() + "] ✓ " + String.join(" → ", c.steps()) + " (" + seconds(c.took()) + ")";
        }
        if (e instanceof RolloutEvent.HostFailed f) {
            StringBuilder sb = new StringBuilder("[" + f.host() + "] ✗ " + (f.steps().isEmpty() ? "" : String.join(" → ", f.steps()) + " → ")
                    + "failed (" + seconds(f.took()) + "): " + f.reason());
            f.failure().ifPresent(x -> {
                section(sb, "unit status", x.unitStatus());
                section(sb, "journal tail", x.journalTail());
                section(sb, "probe output", x.probeOutput());
            });
            return sb.toString();
        }
        if (e instanceof RolloutEvent.RevertStarted r) {
            return r.hosts().isEmpty() ? "nothing to revert: no host was switched"
                    : "reverting " + r.hosts().size() + (r.hosts().size() == 1 ? " host" : " hosts") + " to the previous release: "
                    + String.join(", ", r.hosts());
        }
        if (e instanceof RolloutEvent.HostReverted r) {
            return "[" + r.host() + "] ↩ " + r.detail();
        }
        if (e instanceof RolloutEvent.HostRevertFailed r) {
            return "[" + r.host() + "] ✗ revert failed: " + r.reason();
        }
        if (e instanceof RolloutEvent.Stopped s) {
            return s.reason();
        }
        return null; // HostStep: the converged/failed line shows every step that finished
    }

    private static void section(StringBuilder sb, String title, String text) {
        if (text != null && !text.isBlank()) {
            sb.append("\n  ").append(title).append(":");
            for (String line : text.strip().split("\n")) {
                sb.append("\n    ").append(line);
            }
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static Map<String, Object> jsonOf(RolloutEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", Json.SCHEMA);
        if (e instanceof RolloutEvent.WaveStarted w) {
            m.put("event", "wave_started");
            m.put("wave", w.index());
            m.put("kind", w.kind());
            m.put("hosts", w.hosts());
        }
        if (e instanceof RolloutEvent.HostStep s) {
            m.put("event", "host_step");
            m.put("host", s.host());
            m.put("step", s.step());
        }
        if (e instanceof RolloutEvent.HostConverged c) {
            m.put("event", "host_converged");
            m.put("host", c.host());
            m.put("steps", c.steps());
            m.put("duration_ms", c.took().toMillis());
        }
        if (e instanceof RolloutEvent.HostFailed f) {
            m.put("event", "host_failed");
            m.put("host", f.host());
            m.put("steps", f.steps());
            m.put("reason", f.reason());
            m.put("duration_ms", f.took().toMillis());
            m.put("failure", f.failure().map(x -> Map.of("reason", x.reason(), "unit_status", x.unitStatus(),
                    "journal_tail", x.journalTail(), "probe_output", x.probeOutput())).orElse(null));
        }
        if (e instanceof RolloutEvent.RevertStarted r) {
            m.put("event", "revert_started");
            m.put("hosts", r.hosts());
            m.put("reason", r.reason());
        }
        if (e instanceof RolloutEvent.HostReverted r) {
            m.put("event", "host_reverted");
            m.put("host", r.host());
            m.put("detail", r.detail());
        }
        if (e instanceof RolloutEvent.HostRevertFailed r) {
            m.put("event", "host_revert_failed");
            m.put("host", r.host());
            m.put("reason", r.reason());
        }
        if (e instanceof RolloutEvent.Stopped s) {
            m.put("event", "stopped");
            m.put("reason", s.reason());
        }
        return m;
    }

    static String summaryText(RolloutResult r) {
        Table t = new Table("HOST", "RESULT", "DETAIL");
        for (RolloutResult.HostReport h : r.hosts()) {
            t.row(h.host(), h.state().wire(), h.detail());
        }
        return t.render();
    }

    static Map<String, Object> summaryJson(RolloutResult r, String environment, String planDigest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", Json.SCHEMA);
        m.put("event", "summary");
        m.put("environment", environment);
        m.put("plan_digest", planDigest);
        m.put("outcome", r.outcome().wire());
        m.put("failed_host", r.failedHost().orElse(null));
        m.put("reason", r.reason().orElse(null));
        m.put("hosts", r.hosts().stream().map(h -> Map.of("host", h.host(), "result", h.state().wire(), "detail", h.detail())).toList());
        return m;
    }
}
