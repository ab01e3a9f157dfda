package io.hookdesk.db.store;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * SQL text rendered once per statement shape and then only bound. The save path's statements differ from one save to
 * the next in their values alone, and jOOQ rendering a 90-column select or a 15-column insert cost more of a save's
 * own time than anything else it does (40% of the save path's JVM time in a JFR profile; the audit insert 0.35 ms
 * through jOOQ against 0.18 ms over plain JDBC). jOOQ's manual suggests exactly this for hot statements.
 * Thread-safe; a few dozen entries at most.
 */
final class RenderedStatements {

    private final Map<List<Object>, String> rendered = new ConcurrentHashMap<>();

    /**
     * The statement {@code build} makes (its values are not used, only its text), run with {@code binds} in the order
     * of its {@code ?} and read as {@code fields}, so values come back converted exactly as jOOQ's own query would.
     * {@code shape} names everything else that could change the text: table, columns set, which values are NULL.
     */
    ResultQuery<Record> query(DSLContext ctx, List<Object> shape, Supplier<? extends Query> build,
                              List<? extends Field<?>> fields, List<Param<?>> binds) {
        List<Object> key = new ArrayList<>(shape);
        key.add(ctx.dialect());
        String sql = rendered.computeIfAbsent(key, k -> ctx.render(build.get()));
        return ctx.resultQuery(sql, binds.toArray()).coerce(fields);
    }

    /** {@code value} bound with {@code field}'s type. */
    @SuppressWarnings("unchecked")
    static <T> Param<T> value(Field<T> field, Object value) {
        return DSL.val((T) value, field.getDataType());
    }
}
