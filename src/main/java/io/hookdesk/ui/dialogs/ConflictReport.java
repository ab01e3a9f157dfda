package io.hookdesk.ui.dialogs;

import io.hookdesk.model.HookedTable;

import java.util.List;

/**
 * Their saved values beside the CSR's, column by column, for the conflict dialog. Secret values arrive masked.
 *
 * @param message the save path's sentence ("Someone else saved service 12 after you opened it ...")
 */
public record ConflictReport(HookedTable table, long number, String message, List<Line> lines) {

    public ConflictReport {
        lines = List.copyOf(lines);
    }

    /** One column: label, their value, yours, and whether they differ. */
    public record Line(String column, String label, String theirs, String yours, boolean differs) {
    }

    public long differing() {
        return lines.stream().filter(Line::differs).count();
    }
}
