package online.niso.node.systemd;

import java.util.List;
import java.util.Map;

/** The systemd operations niso needs. One real implementation over {@code systemctl}, one fake. */
public interface Systemctl {
    void daemonReload();

    void start(String unit);

    void stop(String unit);

    void restart(String unit);

    void enable(String unit);

    void disable(String unit);

    void resetFailed(String unit);

    /** {@code systemctl show -p A -p B unit}: property → value (missing properties are absent). */
    Map<String, String> show(String unit, List<String> properties);

    /**
     * {@code systemctl show -p A -p B unit1 unit2 ...}: one map per unit, in the order given; one process for
     * several units. The default asks unit by unit (for fakes).
     */
    default List<Map<String, String>> showUnits(List<String> units, List<String> properties) {
        return units.stream().map(u -> show(u, properties)).toList();
    }

    /** {@code systemctl status unit} text, for failure reports. */
    String status(String unit);

    /** The last {@code lines} journal lines of the unit, for failure reports. */
    String journalTail(String unit, int lines);

    /**
     * The last {@code lines} journal lines of the unit logged at or after {@code since}, from the unit's first
     * start in that window on ({@link JournalTails#fromFirstStart}): a failed activation's report shows the
     * runs of the version that failed, not the lines of the versions before it. The default ignores
     * {@code since} (for fakes that have no journal).
     */
    default String journalTail(String unit, int lines, java.time.Instant since) {
        return journalTail(unit, lines);
    }
}
