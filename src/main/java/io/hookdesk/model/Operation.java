package io.hookdesk.model;

/** Whether a save creates a record ({@code NEW=1}) or updates one ({@code NEW=0}). */
public enum Operation {
    CREATE, UPDATE;

    public String label() {
        return this == CREATE ? "create" : "update";
    }
}
