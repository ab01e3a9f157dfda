package io.hookdesk.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table every run prints, plus the detail lines of each benchmark, as text and as Markdown. */
final class Report {

    private final List<Result> results = new ArrayList<>();
    private final Map<String, List<String>> details = new LinkedHashMap<>();

    void add(Result r) {
        results.add(r);
        System.out.printf(Locale.ROOT, "  => %s: %s (floor %s, ratio %s) %s%n", r.name(), r.measuredText(),
                r.floorText(), r.ratioText(), r.verdict());
    }

    void detail(String section, String line) {
        details.computeIfAbsent(section, k -> new ArrayList<>()).add(line);
        System.out.println("  " + line);
    }

    List<Result> results() {
        return results;
    }

    String table() {
        String[] head = {"benchmark", "target", "floor", "measured", "ratio", "result"};
        List<String[]> rows = new ArrayList<>();
        for (Result r : results) {
            rows.add(new String[] {r.name(), r.target(), r.floorText(), r.measuredText(), r.ratioText(),
                    r.pending() == null ? r.verdict() : "pending: " + r.pending()});
        }
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] row : rows) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        StringBuilder rule = new StringBuilder();
        for (int x : w) {
            rule.append("-".repeat(x)).append("  ");
        }
        sb.append(rule.toString().stripTrailing()).append('\n');
        rows.forEach(row -> line(sb, row, w));
        return sb.toString();
    }

    String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | target | floor | measured | ratio | result |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Result r : results) {
            sb.append("| ").append(r.name()).append(" | ").append(r.target()).append(" | ").append(r.floorText())
                    .append(" | ").append(r.measuredText()).append(" | ").append(r.ratioText()).append(" | ")
                    .append(r.pending() == null ? "**" + r.verdict() + "**" : "pending: " + r.pending()).append(" |\n");
        }
        return sb.toString();
    }

    String markdownDetails() {
        StringBuilder sb = new StringBuilder();
        details.forEach((section, lines) -> {
            sb.append("#### ").append(section).append("\n\n");
            lines.forEach(l -> sb.append("- ").append(l).append('\n'));
            sb.append('\n');
        });
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            l.append(String.format("%-" + w[i] + "s", cells[i])).append("  ");
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
