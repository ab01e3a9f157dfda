package io.hookdesk.model;

import java.util.List;

/**
 * What HookDesk knows of one column, as the connected database's catalogue describes it, without any database
 * library: its name as the database spells it, its kind, its type as PostgreSQL names it ({@code character(8)}),
 * text length limit (0 = none), decimal precision and scale, whether NULL is allowed, whether the database supplies a
 * default, and whether it is assigned by the database (identity, serial, generated, entry stamps), and the table it
 * refers to by foreign key (null if none); the type a text is cast to when written ({@code inet},
 * {@code billing.service_state}, schema-qualified and quoted where it is not a built-in type), whether that type is a
 * domain (whose CHECK the server enforces), and an enum's labels in their order (empty for any other type).
 */
public record ColumnMeta(String name, ColumnKind kind, String sqlType, int length, int precision, int scale,
                         boolean nullable, boolean hasDefault, boolean generated, String references,
                         String castType, boolean domain, List<String> labels) {

    public ColumnMeta {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A column of the plain built-in kind, for code that describes a column without a catalogue. */
    public ColumnMeta(String name, ColumnKind kind, String sqlType, int length, int precision, int scale,
                      boolean nullable, boolean hasDefault, boolean generated, String references) {
        this(name, kind, sqlType, length, precision, scale, nullable, hasDefault, generated, references, sqlType,
                false, List.of());
    }

    /**
     * Whether the server must see a typed value before it is written: its type parses it (an address, an enum label,
     * a date) or its domain has a CHECK. The save asks the server {@code CAST(? AS type)} first, so a refusal names
     * the field and nothing is written.
     */
    public boolean checkedByServer() {
        return kind.textForm() || domain;
    }

    /** Required on create: no NULL, no default, not assigned by the database. */
    public boolean required() {
        return !nullable && !hasDefault && !generated && kind != ColumnKind.OTHER;
    }

    /** Whether HookDesk may write the column: not assigned by the database, and of a type it can parse. */
    public boolean writable() {
        return !generated && kind != ColumnKind.OTHER;
    }

    /**
     * A blank-padded {@code character(n)} column: PostgreSQL pads its values to n characters; HookDesk reads them
     * without the pad, as BillMax passes them.
     */
    public boolean padded() {
        return sqlType != null && (sqlType.equals("character") || sqlType.startsWith("character("));
    }

    /** Why a value cannot be written to this column, or null if it can. */
    public String notWritableReason() {
        if (generated) {
            return "is assigned by the database and cannot be set";
        }
        if (kind == ColumnKind.OTHER) {
            return "has type " + sqlType + ", which HookDesk shows but never writes";
        }
        return null;
    }
}
