package online.niso.node.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.json.Json;

/**
 * Pure: {@code journalctl -o json} lines of several units → one merged stream of {@code [svc] time message}
 * lines (journalctl already interleaves the units by time).
 */
public final class JournalLines {
    private JournalLines() {}

    /** The argv for these services' units: merged, newest {@code lines} of them, following if asked. */
    public static List<String> argv(List<String> units, int lines, boolean follow) {
        List<String> argv = new ArrayList<>(List.of("journalctl", "--no-pager", "--output=json", "--lines",
                Integer.toString(Math.max(0, lines))));
        for (String u : units) {
            argv.add("--unit");
            argv.add(u);
        }
        if (follow) {
            argv.add("--follow");
        }
        return argv;
    }

    /**
     * The lines of a journal tail from the unit's last start on ("Starting niso-x.service …"): a failure report
     * shows the run that failed, not the successful runs before it. The whole tail when no start is in it.
     */
    public static String lastRun(String tail, String unit) {
        List<String> lines = tail.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("Starting " + unit)) {
                return String.join("\n", lines.subList(i, lines.size()));
            }
        }
        return tail.strip();
    }

    /** One formatted line, or empty for a line that is not a journal entry. */
    public static Optional<String> format(String jsonLine, Map<String, String> serviceByUnit) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(jsonLine);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        String unit = text(n, "_SYSTEMD_UNIT");
        if (!serviceByUnit.containsKey(unit)) {
            // systemd's own lines about the unit ("Started …", "Main process exited …") carry UNIT=
            unit = text(n, "UNIT").isEmpty() ? unit : text(n, "UNIT");
        }
        String service = serviceByUnit.getOrDefault(unit, unit.isEmpty() ? "?" : unit);
        String time = "";
        String micros = text(n, "__REALTIME_TIMESTAMP");
        if (!micros.isEmpty()) {
            try {
                long us = Long.parseLong(micros);
                time = Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000).truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS).toString() + " ";
            } catch (NumberFormatException e) {
                time = "";
            }
        }
        return Optional.of("[" + service + "] " + time + message(n.get("MESSAGE")));
    }

    /** MESSAGE is a string, or an array of bytes when it is not valid UTF-8. */
    static String message(JsonNode m) {
        if (m == null || m.isNull()) {
            return "";
        }
        if (m.isArray()) {
            byte[] b = new byte[m.size()];
            for (int i = 0; i < m.size(); i++) {
                b[i] = (byte) m.get(i).asInt();
            }
            return new String(b, StandardCharsets.UTF_8);
        }
        return m.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
