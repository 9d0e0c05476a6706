package online.niso.node.stack;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import online.niso.common.model.StackService.DependencyCondition;

/** What the stack commands report: records for {@code --json}, and the one-line texts people read. */
public final class StackReports {
    private StackReports() {}

    /** One service's outcome in {@code up}, {@code upgrade} or {@code restart}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StepDoc(String service, String action, String state, String version, long durationMs,
            Integer exitCode, String reason, String journalTail) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UpReport(String stack, boolean ok, boolean nothingToDo, List<String> networksCreated,
            List<String> removed, List<StepDoc> services, List<String> notStarted) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DownReport(String stack, List<String> stopped, List<String> volumesRemoved,
            List<String> networksRemoved, List<String> networksKept) {}

    /** "db started (healthy in 3s)", "cache started", "migrate completed (exit 0)", "api upgraded to 1.1.0 …". */
    static String line(StepDoc s, DependencyCondition readyWhen) {
        String took = seconds(Duration.ofMillis(s.durationMs()));
        if (s.state().equals("failed") || s.state().equals("rolled_back")) {
            String code = s.exitCode() == null ? "" : " (exit " + s.exitCode() + ")";
            String what = s.state().equals("rolled_back") ? " and was rolled back" : "";
            return s.service() + " failed" + code + what + ": " + s.reason();
        }
        String verb = switch (s.action()) {
            case "upgrade" -> "upgraded to " + s.version();
            case "restart" -> "restarted";
            default -> "started";
        };
        return switch (readyWhen) {
            case COMPLETED -> s.service() + " completed (exit " + (s.exitCode() == null ? 0 : s.exitCode()) + ")"
                    + (s.action().equals("upgrade") ? " with " + s.version() : "");
            case HEALTHY -> s.service() + " " + verb + " (healthy in " + took + ")";
            case STARTED -> s.service() + " " + verb;
        };
    }

    /** Whole seconds from 10 s up, one decimal below ("0.8s", "3.2s", "14s"). */
    public static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s >= 10 ? Math.round(s) + "s" : String.format(Locale.ROOT, "%.1fs", s);
    }
}
