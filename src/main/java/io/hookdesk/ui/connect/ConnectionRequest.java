package io.hookdesk.ui.connect;

/**
 * Which database to open and who is signing in.
 *
 * @param url      a JDBC URL ({@code jdbc:postgresql://host/db}), or null for the embedded database
 * @param user     the database user, or null
 * @param password the password typed in the connection dialog, or null (then {@code ~/.pgpass}); kept in memory only
 * @param csr      the CSR's login name
 */
public record ConnectionRequest(String url, String user, String password, String csr) {

    public static ConnectionRequest embedded(String csr) {
        return new ConnectionRequest(null, null, null, csr);
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    @Override
    public String toString() {
        return "ConnectionRequest[" + (embedded() ? "embedded" : url + (user == null ? "" : " as " + user))
                + ", csr=" + csr + (password == null ? "" : ", password=********") + "]";
    }
}
