package online.niso.common.stack;

import java.util.ArrayList;
import java.util.List;
import online.niso.common.stack.ServiceChange.Action;

/** Pure: the human text of a {@link StackPlan}, as {@code stack diff} prints it (one line per service). */
public final class StackPlanText {
    private StackPlanText() {}

    public static String render(StackPlan plan) {
        StringBuilder sb = new StringBuilder();
        if (plan.nothingToDo()) {
            sb.append("stack ").append(plan.stack()).append(": nothing to do (")
                    .append(plural(plan.count(Action.UNCHANGED), "service")).append(" unchanged)\n");
        } else {
            sb.append("stack ").append(plan.stack()).append(": ")
                    .append(plan.count(Action.CREATE)).append(" to create, ")
                    .append(plan.count(Action.UPGRADE)).append(" to upgrade, ")
                    .append(plan.count(Action.REMOVE)).append(" to remove, ")
                    .append(plan.count(Action.UNCHANGED)).append(" unchanged\n");
        }
        List<String[]> rows = new ArrayList<>();
        for (ServiceChange c : plan.all()) {
            String versions = switch (c.action()) {
                case CREATE -> c.toVersion().orElse("");
                case REMOVE -> c.fromVersion().orElse("");
                case UNCHANGED -> c.toVersion().orElse("");
                case UPGRADE -> c.fromVersion().equals(c.toVersion()) ? c.toVersion().orElse("")
                        : c.fromVersion().orElse("") + " → " + c.toVersion().orElse("");
            };
            rows.add(new String[] {symbol(c.action()) + " " + c.service(), c.action().word(), versions,
                    c.action() == Action.UNCHANGED ? "" : String.join("; ", c.reasons())});
        }
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < 3; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length()) + 2));
            }
            line.append(r[3]);
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String symbol(Action a) {
        return switch (a) {
            case CREATE -> "+";
            case UPGRADE -> "~";
            case UNCHANGED -> "=";
            case REMOVE -> "-";
        };
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
