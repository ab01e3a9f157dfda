/**
 * Finding and opening records for the desktop and the command line ({@link io.hookdesk.records.RecordService}): a
 * search page, a record with its related rows and version, suggestions while a CSR types.
 *
 * <p>May use: {@code db} and its sub-packages, {@code model}.
 */
package io.hookdesk.records;
