package io.hookdesk.ui.dialogs;

import java.util.List;
import java.util.SortedMap;

/**
 * What the "cascade or only this record?" dialog shows: the records that would change, in hook order, each with the
 * environment its hook would get (secrets already masked), how many, and the records left as they are.
 *
 * @param summary    {@code account:1042: 6 records change to Suspended, 6 hooks run}
 * @param forceNote  for a reopen with Closed records under it: what force would add; null when force is not offered
 */
public record CascadeReport(String title, String summary, List<Entry> entries, List<String> left, String forceNote) {

    public CascadeReport {
        entries = List.copyOf(entries);
        left = List.copyOf(left);
    }

    /** One record that changes: {@code user 501: Open -> Suspended, user_hook runs}, and its hook's variables. */
    public record Entry(String label, SortedMap<String, String> environment) {
    }
}
