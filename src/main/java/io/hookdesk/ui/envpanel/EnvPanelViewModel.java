package io.hookdesk.ui.envpanel;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.FireDecision;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import io.hookdesk.model.Secrets;
import io.hookdesk.model.ValueSettings;
import io.hookdesk.save.HookPreview;
import io.hookdesk.save.Masking;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The environment the hook will see for the change being typed, recomputed on every edit with
 * {@link HookPreview#ofDraft} (the function the save path runs) from the loaded row, the draft and the related
 * records fetched at load. No database round trip per keystroke: entries are updated in place.
 */
public final class EnvPanelViewModel {

    /** What the panel's header says about the hook. */
    public enum HookState { CHECKING, WILL_RUN, NOT_FIRED, NO_HOOK, REFUSED }

    private final HookedTable table;
    private final String csr;
    private final Map<String, String> clientEnv;
    private final boolean mayReveal;
    /** Told when an entry's changed state flips, so the filter and the order follow it. */
    private final ObservableList<EnvEntry> entries =
            FXCollections.observableArrayList(e -> new Observable[] {e.changedProperty()});
    private final FilteredList<EnvEntry> visible = new FilteredList<>(entries);
    /** The changed columns' NEW_ and OLD_ first (pair by pair), then the rest in key order. */
    private final SortedList<EnvEntry> ordered =
            new SortedList<>(visible, EnvPanelViewModel::changedFirst);
    private final BooleanProperty changedOnly = new SimpleBooleanProperty(this, "changedOnly", false);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty revealSecrets = new SimpleBooleanProperty(this, "revealSecrets", false);
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper(this, "header", "Checking the hooks directory…");
    private final ReadOnlyStringWrapper changedSummary = new ReadOnlyStringWrapper(this, "changedSummary", "");
    private final ReadOnlyStringWrapper notShown = new ReadOnlyStringWrapper(this, "notShown", "");
    private final ReadOnlyStringWrapper copied = new ReadOnlyStringWrapper(this, "copied", "");
    private final ReadOnlyObjectWrapper<HookState> hookState = new ReadOnlyObjectWrapper<>(this, "hookState", HookState.CHECKING);

    private Operation operation = Operation.CREATE;
    private Row oldRow;
    private Map<String, Row> related = Map.of();
    private HookStatus status;
    private Row draft = Row.empty();
    private Set<String> unparsedColumns = Set.of();
    private SortedMap<String, String> environment;
    private FireDecision decision;
    private ValueSettings settings = ValueSettings.DEFAULT;

    /** @param mayReveal whether this CSR may reveal secrets (a supervisor); if not, they stay masked whatever is asked */
    public EnvPanelViewModel(HookedTable table, String csr, Map<String, String> clientEnv, boolean mayReveal) {
        this.table = table;
        this.csr = csr;
        this.clientEnv = Map.copyOf(clientEnv);
        this.mayReveal = mayReveal;
        filter.addListener((obs, was, now) -> applyFilter());
        changedOnly.addListener((obs, was, now) -> applyFilter());
        revealSecrets.addListener((obs, was, now) -> {
            if (now && !mayReveal) {
                revealSecrets.set(false);
            }
        });
    }

    /**
     * The operator's settings on values ({@code hook.ignore-columns}), so that the panel says whether the hook runs as
     * the save will decide it; the defaults until set.
     */
    public void setValueSettings(ValueSettings valueSettings) {
        this.settings = valueSettings;
    }

    /** The record as loaded (null on create) and the related records its hook receives. */
    public void setBase(Operation op, Row old, Map<String, Row> relatedRows) {
        this.operation = op;
        this.oldRow = old;
        this.related = relatedRows == null ? Map.of() : relatedRows;
    }

    /** Related records fetched again after a key column (a service's user) changed. */
    public void setRelated(Map<String, Row> relatedRows) {
        this.related = relatedRows == null ? Map.of() : relatedRows;
        rebuild();
    }

    public Map<String, Row> related() {
        return related;
    }

    public void setHookStatus(HookStatus hookStatus) {
        this.status = hookStatus;
        updateHeader();
    }

    /** Recomputes for the draft; {@code unparsed} names fields whose typed text is shown as is and flagged. */
    public void update(Row draftRow, Set<String> unparsed) {
        this.draft = draftRow;
        this.unparsedColumns = unparsed;
        rebuild();
    }

    private void rebuild() {
        HookPreview preview = HookPreview.ofDraft(table, operation, oldRow, draft, related, csr, clientEnv, settings);
        environment = preview.environment();
        decision = preview.decision();
        merge(environment);
        updateHeader();
        List<String> changed = changedColumns();
        changedSummary.set(operation == Operation.CREATE ? "A new " + table + ": NEW=1, no OLD_ variables."
                : changed.isEmpty() ? "No column changed yet." : "Changed: " + String.join(", ", changed));
    }

    /** Walks the sorted environment and the sorted entries together: update, insert or remove, never rebuild. */
    private void merge(SortedMap<String, String> env) {
        int i = 0;
        List<EnvEntry> added = null;
        for (Map.Entry<String, String> e : env.entrySet()) {
            String key = e.getKey();
            while (i < entries.size() && entries.get(i).key().compareTo(key) < 0) {
                entries.remove(i);
            }
            EnvEntry entry;
            if (i < entries.size() && entries.get(i).key().equals(key)) {
                entry = entries.get(i);
            } else {
                entry = new EnvEntry(key, Masking.isSecret(table, key), revealSecrets);
                entries.add(i, entry);
            }
            entry.set(e.getValue(), changed(key, env), key.startsWith("NEW_") && unparsedColumns.contains(key.substring(4)));
            i++;
        }
        if (i < entries.size()) {
            entries.remove(i, entries.size());
        }
    }

    private boolean changed(String key, Map<String, String> env) {
        if (operation != Operation.UPDATE) {
            return false;
        }
        if (key.startsWith("NEW_")) {
            String old = env.get("OLD_" + key.substring(4));
            return old != null && !old.equals(env.get(key));
        }
        if (key.startsWith("OLD_")) {
            String now = env.get("NEW_" + key.substring(4));
            return now != null && !now.equals(env.get(key));
        }
        return false;
    }

    private void updateHeader() {
        if (status == null || decision == null) {
            hookState.set(HookState.CHECKING);
            header.set("Checking the hooks directory…");
            return;
        }
        // The same order of checks as the save path: the fire policy first, then what the directory holds.
        if (!decision.fire()) {
            hookState.set(HookState.NOT_FIRED);
            header.set(table.hookName() + " will not run: " + decision.describe() + ".");
        } else if (status.absent()) {
            hookState.set(HookState.NO_HOOK);
            header.set("No hook will run: " + status.message() + ".");
        } else if (status.refused()) {
            hookState.set(HookState.REFUSED);
            header.set("Saving will be refused: " + status.message());
        } else {
            hookState.set(HookState.WILL_RUN);
            // Where, when not on this workstation as the CSR: "(account:hookdesk-hooks)", "(ssh://billing/...)".
            header.set("Will run " + status.path() + (HookStatus.LOCAL.equals(status.where()) || status.where() == null
                    ? "" : " (" + status.where() + ")"));
        }
    }

    private void applyFilter() {
        String f = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        boolean onlyChanged = changedOnly.get();
        visible.setPredicate(f.isEmpty() && !onlyChanged ? null
                : e -> (!onlyChanged || e.changed()) && (f.isEmpty() || e.key().toLowerCase(Locale.ROOT).contains(f)
                        || e.shown().toLowerCase(Locale.ROOT).contains(f)));
    }

    private static int changedFirst(EnvEntry a, EnvEntry b) {
        if (a.changed() != b.changed()) {
            return a.changed() ? -1 : 1;
        }
        if (a.changed()) {
            // NEW_x beside OLD_x: by column, then NEW_ before OLD_
            int byColumn = a.key().substring(4).compareTo(b.key().substring(4));
            return byColumn != 0 ? byColumn : a.key().compareTo(b.key());
        }
        return a.key().compareTo(b.key());
    }

    /**
     * {@code export KEY='value'} lines, then the hook's path, to reproduce the run in a terminal. A masked secret is
     * never exported as its mask (run as it is, that would provision the mask as a password): its line is commented
     * out, and a warning at the top says which variables to set by hand. Revealed (a supervisor), the real values
     * are exported, under a warning that the text holds secrets.
     */
    public String copyAsShell() {
        List<String> masked = new ArrayList<>();
        List<String> revealed = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (EnvEntry e : entries) {
            if (!EnvValues.isVariableName(e.key())) {
                continue; // never a name the shell would run (the environment leaves such columns out already)
            }
            boolean hidden = e.secret() && !e.value().isEmpty();
            if (hidden && !revealSecrets.get()) {
                masked.add(e.key());
                lines.append("# export ").append(e.key()).append("=...   # secret, masked: set it by hand\n");
            } else {
                if (hidden) {
                    revealed.add(e.key());
                }
                lines.append("export ").append(e.key()).append('=').append(quote(e.value())).append('\n');
            }
        }
        StringBuilder b = new StringBuilder();
        if (!masked.isEmpty()) {
            b.append("# WARNING: ").append(masked.size()).append(masked.size() == 1 ? " secret is" : " secrets are")
                    .append(" masked and commented out below: ").append(String.join(", ", masked)).append(".\n")
                    .append("# Set ").append(masked.size() == 1 ? "it" : "them")
                    .append(" by hand before running the hook, or the hook provisions without ")
                    .append(masked.size() == 1 ? "it" : "them").append(".\n");
        }
        if (!revealed.isEmpty()) {
            b.append("# WARNING: this text holds ").append(revealed.size()).append(revealed.size() == 1 ? " secret" : " secrets")
                    .append(" in clear (").append(String.join(", ", revealed))
                    .append("): do not paste it into a ticket, a chat or an e-mail.\n");
        }
        b.append(lines);
        b.append(quote(hookPath())).append('\n');
        copied.set(!masked.isEmpty()
                ? "Copied, without " + String.join(", ", masked) + " (masked secret" + (masked.size() == 1 ? "" : "s")
                        + "): set " + (masked.size() == 1 ? "it" : "them") + " by hand before running the hook."
                : !revealed.isEmpty()
                ? "Copied, with " + String.join(", ", revealed) + " in clear: do not paste it into a ticket or a chat."
                : "Copied: every variable is in it.");
        return b.toString();
    }

    /**
     * What the last "Copy as shell" put on the clipboard, said on screen: which masked secrets it left out (to be set
     * by hand), or which it holds in clear. Empty until the first copy.
     */
    public ReadOnlyStringProperty copiedProperty() {
        return copied.getReadOnlyProperty();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private String hookPath() {
        return status != null ? status.path().toString() : table.hookName();
    }

    public ObservableList<EnvEntry> entries() {
        return entries;
    }

    /** The entries the filter lets through, changed columns' NEW_ and OLD_ first: what the panel lists. */
    public SortedList<EnvEntry> orderedEntries() {
        return ordered;
    }

    /** Whether the panel lists only the changed columns' NEW_ and OLD_ variables. */
    public BooleanProperty changedOnlyProperty() {
        return changedOnly;
    }

    /** The entries the filter lets through, in key order. */
    public FilteredList<EnvEntry> visibleEntries() {
        return visible;
    }

    public EnvEntry entry(String key) {
        for (EnvEntry e : entries) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Whether secrets are shown; only ever true for a CSR who {@link #mayReveal() may reveal} them. */
    public BooleanProperty revealSecretsProperty() {
        return revealSecrets;
    }

    /** Whether this CSR is a supervisor, who may reveal secrets. */
    public boolean mayReveal() {
        return mayReveal;
    }

    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    /** Which columns the pending change touches, in words. */
    /**
     * The columns the hook gets that the panel cannot show because this login may not read them (column grants), of
     * the table and its related records: "not shown: account ccnum (this login may not read it)", one line per
     * table; empty when there are none.
     */
    public ReadOnlyStringProperty notShownProperty() {
        return notShown.getReadOnlyProperty();
    }

    /** Sets {@link #notShownProperty()} from its lines. */
    public void setNotShown(List<String> lines) {
        notShown.set(String.join("\n", lines));
    }

    public ReadOnlyStringProperty changedSummaryProperty() {
        return changedSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HookState> hookStateProperty() {
        return hookState.getReadOnlyProperty();
    }

    public HookStatus hookStatus() {
        return status;
    }

    public FireDecision decision() {
        return decision;
    }

    /** True if saving the draft now would run the hook. */
    public boolean willRun() {
        return hookState.get() == HookState.WILL_RUN;
    }

    /** The last environment built, unmasked. */
    public SortedMap<String, String> environment() {
        return environment;
    }

    /** Columns whose NEW_ value differs from OLD_, for the panel's summary line. */
    public List<String> changedColumns() {
        List<String> out = new ArrayList<>();
        for (EnvEntry e : entries) {
            if (e.changed() && e.key().startsWith("NEW_")) {
                out.add(e.key().substring(4));
            }
        }
        return out;
    }
}
