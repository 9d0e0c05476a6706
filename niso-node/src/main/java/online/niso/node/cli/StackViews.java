package online.niso.node.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import online.niso.common.model.Stack;
import online.niso.common.stack.ServiceChange;
import online.niso.common.stack.StackPlan;
import online.niso.common.stack.StackPlanText;
import online.niso.node.stack.StackActivator;
import online.niso.node.stack.StackReports;

/** What the stack commands print: text for people, the same records as JSON (schema 1, snake_case). */
final class StackViews {
    private StackViews() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Validated(String file, String stack, List<String> services, List<String> networks) implements Views.View {
        static Validated of(String file, Stack s) {
            return new Validated(file, s.name(), s.services().stream().map(x -> x.name()).toList(),
                    List.copyOf(s.networks().keySet()));
        }

        @Override
        public String text() {
            return file + ": stack " + stack + " is valid (" + services.size() + " services, " + networks.size()
                    + " networks)";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChangeDoc(String service, String action, String from, String to, List<String> reasons, String readyWhen) {
        static ChangeDoc of(ServiceChange c) {
            return new ChangeDoc(c.service(), c.action().word(), c.fromVersion().orElse(null),
                    c.toVersion().orElse(null), c.reasons(), c.readyWhen().map(r -> r.configName()).orElse(null));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Diff(String stack, boolean nothingToDo, List<ChangeDoc> changes, @com.fasterxml.jackson.annotation.JsonIgnore
            StackPlan plan) implements Views.View {
        static Diff of(StackPlan p) {
            return new Diff(p.stack(), p.nothingToDo(), p.all().stream().map(ChangeDoc::of).toList(), p);
        }

        @Override
        public String text() {
            return StackPlanText.render(plan);
        }
    }

    /** {@code up}/{@code down}: the text was printed line by line while it ran; JSON is the report. */
    record Report(Object report) implements Views.View {
        /** The report's fields plus "schema", like every other document. */
        @com.fasterxml.jackson.annotation.JsonValue
        Object value() {
            var tree = online.niso.common.json.Json.mapper().<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(
                    report);
            tree.put("schema", online.niso.common.json.Json.SCHEMA);
            return tree;
        }

        @Override
        public String text() {
            return "";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Row(String service, String status, String health, Long uptimeSeconds, String version) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Status(String stack, List<Row> services) implements Views.View {
        static Status of(String stack, List<StackActivator.Live> live, Instant now) {
            List<Row> rows = new ArrayList<>();
            for (StackActivator.Live l : live) {
                Long up = l.present() && (l.activeState().equals("active") || l.oneshot())
                        ? l.since().map(s -> Math.max(0, Duration.between(s, now).getSeconds())).orElse(null) : null;
                rows.add(new Row(l.service(), l.status(), l.health(), up, l.present() ? l.version() : null));
            }
            return new Status(stack, rows);
        }

        @Override
        public String text() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SERVICE", "STATUS", "HEALTH", "UPTIME", "VERSION"));
            for (Row r : services) {
                rows.add(List.of(r.service(), r.status(), r.health(),
                        r.uptimeSeconds() == null ? "-" : uptime(r.uptimeSeconds()),
                        r.version() == null ? "-" : r.version()));
            }
            return Table.render(rows);
        }
    }

    /** "42s", "5m", "3h12m", "2d4h": coarse, as people read uptimes. */
    static String uptime(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86400) {
            long m = seconds / 60 % 60;
            return seconds / 3600 + "h" + (m == 0 ? "" : m + "m");
        }
        long h = seconds / 3600 % 24;
        return seconds / 86400 + "d" + (h == 0 ? "" : h + "h");
    }

}
