/**
 * Looking after the database HookDesk works on, for an administrator at the command line
 * ({@link io.hookdesk.admin.DatabaseAdmin}): what HookDesk finds there (tables, columns, privileges, schema version,
 * search indexes), the demo tables and data, the roles, the search indexes an operator adds.
 *
 * <p>May use: {@code db} and its sub-packages, {@code model}.
 */
package io.hookdesk.admin;
