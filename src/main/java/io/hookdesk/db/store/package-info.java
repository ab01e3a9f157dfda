/**
 * Reading and writing the ISP's records: loading and locking-and-writing a row with its related records
 * ({@link io.hookdesk.db.store.RecordStore}), finding records and suggestions
 * ({@link io.hookdesk.db.store.SearchStore}), and the audit of every hook run ({@link io.hookdesk.db.store.AuditStore}).
 * Statements are built from the catalogue {@code db.schema} read and run on the caller's transaction.
 *
 * <p>May use: {@code db}, {@code db.schema}, {@code model}.
 */
package io.hookdesk.db.store;
