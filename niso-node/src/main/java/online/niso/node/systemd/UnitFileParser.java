package online.niso.node.systemd;

import java.util.ArrayList;
import java.util.List;
import online.niso.common.error.InvalidInputException;

/**
 * Reads unit file text back into a {@link UnitFile}, keeping values verbatim (still escaped).
 *
 * <p>Covers the subset niso renders: comments, blank lines, sections and {@code Key=value}
 * lines. Line continuations (a trailing backslash) are refused rather than guessed at, since
 * niso never writes them; this parser exists for round-trip tests and for reading back units
 * niso wrote earlier.
 */
public final class UnitFileParser {
    private UnitFileParser() {}

    public static UnitFile parse(String text) {
        return parse("", text);
    }

    public static UnitFile parse(String unitName, String text) {
        List<Section> sections = new ArrayList<>();
        String current = null;
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.endsWith("\\")) {
                throw new InvalidInputException(where(unitName, lineNo) + "line continuations are not supported");
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new InvalidInputException(where(unitName, lineNo) + "malformed section header: " + line);
                }
                if (current != null) {
                    sections.add(new Section(current, entries));
                }
                current = line.substring(1, line.length() - 1);
                entries = new ArrayList<>();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(where(unitName, lineNo) + "expected Key=value, got: " + line);
            }
            if (current == null) {
                throw new InvalidInputException(where(unitName, lineNo) + "assignment outside of a section");
            }
            // systemd strips whitespace around the key and at the start of the value.
            entries.add(new Entry(line.substring(0, eq).strip(), line.substring(eq + 1).stripLeading()));
        }
        if (current != null) {
            sections.add(new Section(current, entries));
        }
        return new UnitFile(unitName, sections);
    }

    private static String where(String unitName, int lineNo) {
        return (unitName.isEmpty() ? "unit file" : unitName) + ":" + lineNo + ": ";
    }
}
