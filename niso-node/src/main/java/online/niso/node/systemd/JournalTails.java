package online.niso.node.systemd;

import java.util.List;

/** Pure: cutting a unit's journal tail down to the runs of one activation. */
public final class JournalTails {
    private JournalTails() {}

    /**
     * The lines from the unit's first "Starting UNIT" (or "Started UNIT": a Type=simple unit logs only that) on: a
     * window that begins just before a restart also holds the previous version's last lines (its stop — logged
     * under the new unit's description, as the unit file was already reloaded). Every later start (a
     * Restart= loop of the failing version) is kept. The whole text when no start is in it (nothing restarted
     * in the window, e.g. a hold that lapsed on a running version), and "-- No entries --" lines are dropped.
     */
    public static String fromFirstStart(String journal, String unit) {
        List<String> lines = journal.lines().filter(l -> !l.strip().equals("-- No entries --")).toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains(": Starting " + unit) || l.contains(": Started " + unit)) {
                return String.join("\n", lines.subList(i, lines.size())).strip();
            }
        }
        return String.join("\n", lines).strip();
    }
}
