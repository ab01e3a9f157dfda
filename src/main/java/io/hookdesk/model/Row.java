package io.hookdesk.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One record's column values, in the table's column order. Values are plain Java objects
 * (String, Integer, Short, Long, BigDecimal, Float, Double, Boolean, LocalDate, LocalTime,
 * LocalDateTime) or null.
 */
public final class Row {

    private final Map<String, Object> values;

    private Row(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Row of(Map<String, ?> values) {
        return new Row(new LinkedHashMap<>(values));
    }

    public static Row empty() {
        return new Row(Map.of());
    }

    public Object get(String column) {
        return values.get(column);
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    public Set<String> columns() {
        return values.keySet();
    }

    /** Read-only view in column order; values may be null. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** This row with some columns replaced (columns not yet present are appended). */
    public Row with(Map<String, ?> changes) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(changes);
        return new Row(copy);
    }

    /** 64-bit value of a key column (number, account, user ...), or null. */
    public Long integer(String column) {
        Object v = values.get(column);
        return v instanceof Number n ? n.longValue() : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "Row" + values;
    }
}
