package io.hookdesk.db.store;

import io.hookdesk.model.Row;

/**
 * A row with the version it was read at: PostgreSQL's {@code xmin}, the id of the transaction that last wrote it.
 * A save compares it under lock with the version the CSR loaded, so nobody's change is silently overwritten.
 */
public record VersionedRow(Row row, long version) {
}
