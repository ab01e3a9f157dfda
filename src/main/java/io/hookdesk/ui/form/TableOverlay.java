package io.hookdesk.ui.form;

import io.hookdesk.model.ColumnKind;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.model.Secrets;
import io.hookdesk.model.TableMeta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one table's form adds to the column metadata: groups, labels, coded values, flags shown as check boxes,
 * references to other records, and the columns a search result lists. Columns the overlay does not mention still
 * appear (in a last group, "Other columns"), so a column added to the schema is never invisible.
 */
public final class TableOverlay {

    /** A group whose title is this is shown collapsed at first. */
    static final String OTHER = "Other columns";

    private final HookedTable table;
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final Set<String> collapsed = new HashSet<>();
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, List<Code>> codes = new HashMap<>();
    private final Set<String> checks = new HashSet<>();
    private final Map<String, HookedTable> references = new HashMap<>();
    private final Map<String, Lookup> lookups = new HashMap<>();
    private final Set<String> textAreas = new HashSet<>();
    private final Set<String> money = new HashSet<>();
    private List<String> listColumns = List.of("number");
    private Function<Row, String> describe = r -> "";
    private final Map<String, String> startWith = new LinkedHashMap<>();
    private String newRecordStartsIn;

    private TableOverlay(HookedTable table) {
        this.table = table;
    }

    static TableOverlay of(HookedTable table) {
        return new TableOverlay(table);
    }

    TableOverlay group(String title, String... columns) {
        groups.put(title, List.of(columns));
        return this;
    }

    TableOverlay collapsed(String... titles) {
        collapsed.addAll(List.of(titles));
        return this;
    }

    /** Alternating column, label pairs. */
    TableOverlay labels(String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return this;
    }

    /**
     * What a new record starts with where the database's default is not what a CSR usually means (a new payment is a
     * payment, not a sale): typed in as if by the CSR, under what the opener fills in (the parent).
     */
    TableOverlay startWith(String column, String text) {
        startWith.put(column, text);
        return this;
    }

    /**
     * A new record starts with the cursor in {@code column}, a record number of another table that is the first thing
     * to fill in (a new payment's Account); elsewhere the cursor never starts in a record number (see RecordFormView).
     */
    TableOverlay newRecordStartsIn(String column) {
        newRecordStartsIn = column;
        return this;
    }

    /** The column a new record's cursor starts in, when it is a record number of another table; null: the usual. */
    public String newRecordStartsIn() {
        return newRecordStartsIn;
    }

    /** Column to text a new record starts with beyond the database's defaults (see {@link #startWith}). */
    public Map<String, String> newRecordValues() {
        return Collections.unmodifiableMap(startWith);
    }

    TableOverlay codes(String column, List<Code> values) {
        codes.put(column, values);
        return this;
    }

    TableOverlay checks(String... columns) {
        checks.addAll(List.of(columns));
        return this;
    }

    TableOverlay reference(String column, HookedTable target) {
        references.put(column, target);
        return this;
    }

    TableOverlay lookup(String column, Lookup lookup) {
        lookups.put(column, lookup);
        return this;
    }

    /** Columns that hold an amount in cents: typed and shown as 49.95. */
    TableOverlay money(String... columns) {
        money.addAll(List.of(columns));
        return this;
    }

    /** Whether {@code column} holds an amount (in cents where its type is a whole number; see {@link #kind}). */
    public boolean isMoney(String column) {
        return money.contains(column);
    }

    TableOverlay textAreas(String... columns) {
        textAreas.addAll(List.of(columns));
        return this;
    }

    TableOverlay list(String... columns) {
        listColumns = List.of(columns);
        return this;
    }

    TableOverlay describe(Function<Row, String> describe) {
        this.describe = describe;
        return this;
    }

    public HookedTable table() {
        return table;
    }

    /** The columns a search result lists, in order. */
    public List<String> listColumns() {
        return listColumns;
    }

    /** A few words that name a record to a person: "Ada Lovelace", "alovelace1", "Support". */
    public String describe(Row row) {
        String d = row == null ? "" : describe.apply(row);
        return d == null ? "" : d.trim();
    }

    public String label(String column) {
        return labels.getOrDefault(column, column);
    }

    /** The pick list a column's numbers come from, or null. */
    public Lookup lookupOf(String column) {
        return lookups.get(column);
    }

    public List<Code> codes(String column) {
        return codes.getOrDefault(column, List.of());
    }

    public boolean collapsedAtFirst(String group) {
        return collapsed.contains(group) || OTHER.equals(group);
    }

    /** The form's fields, group by group, for the columns the database actually has. */
    public List<FieldSpec> fields(TableMeta meta) {
        List<FieldSpec> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        groups.forEach((group, columns) -> {
            for (String name : columns) {
                meta.column(name).ifPresent(c -> {
                    out.add(spec(c, group));
                    placed.add(name);
                });
            }
        });
        for (ColumnMeta c : meta.columns()) {
            if (!placed.contains(c.name())) {
                out.add(spec(c, OTHER));
            }
        }
        return out;
    }

    private FieldSpec spec(ColumnMeta c, String group) {
        String name = c.name();
        boolean secret = Secrets.isSecret(table, name);
        // An enum's choices are its labels, as the catalogue lists them; BillMax's numeric codes are for integer columns.
        List<Code> choices = c.kind() == ColumnKind.ENUM ? c.labels().stream().map(l -> new Code(l, "")).toList() : codes(name);
        return new FieldSpec(c, label(name), group, kind(c, secret), choices, references.get(name),
                lookups.get(name), secret);
    }

    private ControlKind kind(ColumnMeta c, boolean secret) {
        String name = c.name();
        if (!c.writable()) {
            // Assigned by the database, or a type HookDesk shows as text but never writes (arrays, json, ...).
            return ControlKind.READ_ONLY;
        }
        if (secret) {
            return ControlKind.SECRET;
        }
        if (money.contains(name) && c.kind().isWholeNumber()) {
            // The name says it is an amount; the type says the unit: whole numbers are BillMax's cents, a numeric is
            // the currency itself and is shown and typed as stored (a NUMBER field below).
            return ControlKind.MONEY;
        }
        if (codes.containsKey(name) || c.kind() == ColumnKind.ENUM) {
            return ControlKind.CODE;
        }
        if (lookups.containsKey(name)) {
            return ControlKind.CHOICE;
        }
        if (references.containsKey(name)) {
            return ControlKind.REFERENCE;
        }
        if (checks.contains(name) || c.kind() == ColumnKind.BOOLEAN) {
            return ControlKind.CHECK;
        }
        if (textAreas.contains(name)) {
            return ControlKind.TEXT_AREA;
        }
        return switch (c.kind()) {
            case DATE -> ControlKind.DATE;
            case TIME -> ControlKind.TIME;
            case TEXT, TIMESTAMP, TIMESTAMPTZ, BOOLEAN, SERVER_TEXT, ENUM -> ControlKind.TEXT;
            default -> ControlKind.NUMBER;
        };
    }
}
