package io.hookdesk.model;

/**
 * A related record passed to a hook alongside the record being saved: the row of {@code target}
 * whose number is the value of {@code column} in the row named by {@code from} (null = the saved record itself,
 * otherwise the prefix of an earlier relation). Its columns appear as {@code <prefix>_<column>}.
 */
public record Relation(String prefix, HookedTable target, String from, String column) {

    public static Relation own(HookedTable target, String column) {
        return new Relation(target.envPrefix(), target, null, column);
    }

    public static Relation via(HookedTable target, String fromPrefix, String column) {
        return new Relation(target.envPrefix(), target, fromPrefix, column);
    }

    public boolean fromSavedRecord() {
        return from == null;
    }
}
