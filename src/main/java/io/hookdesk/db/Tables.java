package io.hookdesk.db;

import io.hookdesk.db.schema.default_schema.DefaultSchema;
import io.hookdesk.model.ColumnKind;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.TableMeta;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The generated jOOQ table of each hooked table, and its columns described without jOOQ for the layers above. */
public final class Tables {

    /** Columns the database assigns (identity, entry stamps, triggers): shown, never typed. */
    private static final Set<String> ASSIGNED = Set.of("number", "generation", "entdate", "enttime");

    private final Map<HookedTable, Table<?>> tables = new EnumMap<>(HookedTable.class);
    private final Map<HookedTable, TableMeta> metas = new EnumMap<>(HookedTable.class);

    public Tables() {
        for (HookedTable t : HookedTable.values()) {
            Table<?> table = DefaultSchema.DEFAULT_SCHEMA.getTable(t.sqlName());
            if (table == null) {
                throw new IllegalStateException("generated schema lacks table " + t.sqlName());
            }
            tables.put(t, table);
            metas.put(t, new TableMeta(t, List.of(table.fields()).stream().map(Tables::describe).toList()));
        }
    }

    /** The widest hooked table, for {@link Database}'s warm-up. */
    static Table<?> warmUpTable() {
        return DefaultSchema.DEFAULT_SCHEMA.getTable(HookedTable.SERVICE.sqlName());
    }

    static Field<?>[] warmUpFields() {
        return warmUpTable().fields();
    }

    public Table<?> table(HookedTable t) {
        return tables.get(t);
    }

    public TableMeta meta(HookedTable t) {
        return metas.get(t);
    }

    @SuppressWarnings("unchecked")
    public Field<Integer> number(HookedTable t) {
        return (Field<Integer>) tables.get(t).field("number");
    }

    static ColumnMeta describe(Field<?> field) {
        DataType<?> type = field.getDataType();
        String name = field.getName();
        boolean assigned = ASSIGNED.contains(name) || type.identity();
        return new ColumnMeta(name, kindOf(type), type.hasLength() ? type.length() : 0,
                type.hasPrecision() ? type.precision() : 0, type.hasScale() ? type.scale() : 0,
                type.nullable(), type.defaulted(), assigned);
    }

    static ColumnKind kindOf(DataType<?> type) {
        Class<?> c = type.getType();
        if (c == String.class) {
            return ColumnKind.TEXT;
        } else if (c == Short.class || c == Byte.class) {
            return ColumnKind.SMALLINT;
        } else if (c == Integer.class) {
            return ColumnKind.INTEGER;
        } else if (c == Long.class) {
            return ColumnKind.BIGINT;
        } else if (c == BigDecimal.class) {
            return ColumnKind.DECIMAL;
        } else if (c == Float.class) {
            return ColumnKind.REAL;
        } else if (c == Double.class) {
            return ColumnKind.DOUBLE;
        } else if (c == Boolean.class) {
            return ColumnKind.BOOLEAN;
        } else if (c == LocalDate.class) {
            return ColumnKind.DATE;
        } else if (c == LocalTime.class) {
            return ColumnKind.TIME;
        } else if (c == LocalDateTime.class) {
            return ColumnKind.TIMESTAMP;
        }
        throw new IllegalStateException("unsupported column type " + c + " of " + type);
    }
}
