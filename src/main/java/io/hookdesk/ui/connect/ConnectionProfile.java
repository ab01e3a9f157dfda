package io.hookdesk.ui.connect;

/**
 * A remembered database: a name, a JDBC URL and a user. Never a password: that comes from {@code ~/.pgpass} or is
 * typed each time.
 *
 * @param url null for the embedded database
 */
public record ConnectionProfile(String name, String url, String user) {

    public static final ConnectionProfile EMBEDDED = new ConnectionProfile("Embedded demo database", null, null);

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    @Override
    public String toString() {
        return name;
    }
}
