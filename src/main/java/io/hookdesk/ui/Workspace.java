package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.account.DetailViewModel;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.history.HistoryViewModel;
import io.hookdesk.ui.search.SearchViewModel;

/** One tab of the main window: a table's search, a record's form (with its children), or the hook runs. */
public sealed interface Workspace permits Workspace.Search, Workspace.Form, Workspace.Runs {

    /** The table the tab is about; null for the hook runs. */
    HookedTable table();

    record Search(Section section, SearchViewModel search) implements Workspace {
        @Override
        public HookedTable table() {
            return section.table();
        }
    }

    /** @param details the record's children, or null for a table without any */
    record Form(RecordFormViewModel form, DetailViewModel details) implements Workspace {
        @Override
        public HookedTable table() {
            return form.table();
        }
    }

    record Runs(HistoryViewModel history) implements Workspace {
        @Override
        public HookedTable table() {
            return null;
        }
    }
}
