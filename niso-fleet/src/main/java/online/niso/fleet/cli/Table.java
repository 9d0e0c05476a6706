package online.niso.fleet.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain aligned text table: columns padded to their widest cell, two spaces apart, no trailing blanks. */
final class Table {
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(List.of(header));
    }

    Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    String render() {
        int cols = rows.get(0).size();
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String c = r.get(i);
                line.append(c);
                if (i < cols - 1) {
                    line.append(" ".repeat(width[i] - c.codePointCount(0, c.length()) + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
