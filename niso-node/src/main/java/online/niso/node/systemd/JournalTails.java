package online.niso.node.systemd;

import java.util.List;

/** Pure: cutting a unit's journal tail down to the runs of one activation. */
public final class JournalTails {
    private JournalTails() {}

    /**
     * The lines from the unit's first "Starting UNIT" on: a window that begins just before a restart also holds
     * the previous version's last lines (its stop), which belong to the version before. Every later start (a
     * Restart= loop of the failing version) is kept. The whole text when no start is in it (nothing restarted
     * in the window, e.g. a hold that lapsed on a running version), and "-- No entries --" lines are dropped.
     */
    public static String fromFirstStart(String journal, String unit) {
        List<String> lines = journal.lines().filter(l -> !l.strip().equals("-- No entries --")).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(": Starting " + unit)) {
                return String.join("\n", lines.subList(i, lines.size())).strip();
            }
        }
        return String.join("\n", lines).strip();
    }
}
