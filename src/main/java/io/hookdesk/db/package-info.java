/**
 * Reaching the database: {@link io.hookdesk.db.Database} opens the embedded server or an external one, migrates
 * HookDesk's own schema and hands out the pool and jOOQ's context; {@link io.hookdesk.db.PasswordFile} reads
 * {@code ~/.pgpass} only when nobody else can; {@link io.hookdesk.db.PrivatePaths} makes and checks the directories and
 * files only the user may change (the home, the PostgreSQL binaries, the log). The rest lives in sub-packages by what it does: {@code embedded} (the
 * embedded server's lifecycle), {@code schema} (the ISP's catalogue and HookDesk's own migrations), {@code store}
 * (reading and writing records, searching, the audit) and {@code demo} (the demo data).
 *
 * <p>May use: {@code model}. Never {@code hook}, the services or the screen.
 */
package io.hookdesk.db;
