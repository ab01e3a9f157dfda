package io.hookdesk.model;

/**
 * What HookDesk knows of one column, without any database library: its name as the database spells it,
 * its kind, text length limit (0 = none), decimal precision and scale, whether NULL is allowed,
 * whether the database supplies a default, and whether it is assigned by the database (identity, triggers).
 */
public record ColumnMeta(String name, ColumnKind kind, int length, int precision, int scale,
                         boolean nullable, boolean hasDefault, boolean generated) {

    /** Required on create: no NULL, no default, not assigned by the database. */
    public boolean required() {
        return !nullable && !hasDefault && !generated;
    }
}
