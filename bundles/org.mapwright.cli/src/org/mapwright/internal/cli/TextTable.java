package org.mapwright.internal.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns as wide as their widest cell (capped), for terminals. */
final class TextTable {

    private static final int MAX_WIDTH = 40;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    void add(List<String> row) {
        rows.add(List.copyOf(row));
    }

    void print(PrintWriter out) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.min(MAX_WIDTH, header.get(i).length());
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], Math.min(MAX_WIDTH, r.get(i).length()));
            }
        }
        line(out, header, width);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        rows.forEach(r -> line(out, r, width));
    }

    private static void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i).replace('\n', ' ').replace('\r', ' ');
            if (c.length() > width[i]) {
                c = c.substring(0, width[i] - 1) + "…";
            }
            b.append(i == 0 ? "" : " | ").append(c).append(" ".repeat(width[i] - c.length()));
        }
        out.println(b.toString().stripTrailing());
    }
}
