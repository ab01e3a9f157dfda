package io.hookdesk.db;

import io.hookdesk.model.JdbcUrls;

import java.nio.file.Path;

/**
 * Where the database is. With no URL, HookDesk runs its own embedded PostgreSQL under {@code home}.
 * The password never comes from a command-line argument; it is never printed by {@link #toString()}.
 *
 * @param jdbcUrl  an external server's JDBC URL, or null for the embedded database
 * @param user     the database user (external server), or null
 * @param password the database password, or null (then ~/.pgpass, then none)
 * @param home     HookDesk's data directory: the embedded database's files, logs, settings
 * @param timeZone the zone timestamptz values are written in ({@code db.time-zone}), or null for the database's own
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, Path home, String timeZone) {

    /** In the database's own time zone ({@link Database#timeZoneStatement}). */
    public DatabaseSettings(String jdbcUrl, String user, String password, Path home) {
        this(jdbcUrl, user, password, home, null);
    }

    public boolean embedded() {
        return jdbcUrl == null || jdbcUrl.isBlank();
    }

    /** What to show a person: the URL and user, never the password. */
    public String describe() {
        return embedded() ? "embedded PostgreSQL in " + home.resolve("pgdata") : JdbcUrls.masked(jdbcUrl) + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + (password == null ? "" : ", password=********") + "]";
    }
}
