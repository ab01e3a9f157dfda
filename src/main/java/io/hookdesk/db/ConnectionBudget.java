package io.hookdesk.db;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many connections one HookDesk process holds, and how the server sees them (issue 24).
 *
 * <p>Three: one for a save (held while its hook runs), one for the desktop's reads (search, open, history,
 * suggestions), one for background work (the status check). Idle connections are closed after
 * {@link #IDLE_CLOSE}; none is kept open for nothing. {@code apply --file --parallel N} widens its own pool to one
 * connection per lane ({@link Database#allowConnections}). Each connection says who it is in
 * {@code pg_stat_activity.application_name}: {@code hookdesk/<version>@<host>}.
 */
public final class ConnectionBudget {

    /** The connections one HookDesk process holds at most (the desktop, a single command). */
    public static final int CONNECTIONS = 3;
    /** A connection unused this long is closed. */
    public static final Duration IDLE_CLOSE = Duration.ofMinutes(3);
    /** What every HookDesk session's {@code application_name} starts with. */
    public static final String APPLICATION_PREFIX = "hookdesk/";

    private static final Pattern HOSTS = Pattern.compile("(?i)^jdbc:postgresql://([^/?]*)");
    private static final Pattern PREPARE_THRESHOLD = Pattern.compile("(?i)[?&;]prepareThreshold=([^&;]*)");

    private ConnectionBudget() {
    }

    /**
     * {@code hookdesk/<version>@<host>}: what an operator sees in {@code pg_stat_activity}. PostgreSQL keeps 63 bytes
     * of it and turns anything but printable ASCII into {@code ?}, so it is cut and cleaned here alike.
     */
    public static String applicationName() {
        String version = Database.class.getPackage().getImplementationVersion();
        String name = APPLICATION_PREFIX + (version == null ? "dev" : version) + "@" + hostName();
        name = name.replaceAll("[^\\x20-\\x7e]", "?");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** The ports a JDBC URL names (5432 where a host names none); empty for a URL that names no host. */
    static Set<Integer> urlPorts(String url) {
        Set<Integer> ports = new LinkedHashSet<>();
        Matcher h = url == null ? null : HOSTS.matcher(url);
        if (h == null || !h.find()) {
            return ports;
        }
        for (String hostPort : h.group(1).split(",")) {
            String afterHost = hostPort.startsWith("[") ? hostPort.substring(hostPort.indexOf(']') + 1) : hostPort;
            int colon = afterHost.lastIndexOf(':');
            String port = colon < 0 ? "" : afterHost.substring(colon + 1);
            try {
                ports.add(port.isEmpty() ? 5432 : Integer.parseInt(port));
            } catch (NumberFormatException e) {
                // pgjdbc refuses such a URL itself, with its own words
            }
        }
        return ports;
    }

    /** The {@code prepareThreshold} the URL sets, if it does: the operator's word, which HookDesk then never changes. */
    static OptionalInt prepareThreshold(String url) {
        Matcher m = url == null ? null : PREPARE_THRESHOLD.matcher(url);
        if (m == null || !m.find()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(1).trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Whether something listens between this desk and PostgreSQL (PgBouncer, or another proxy): the server says it
     * listens on {@code serverPort}, a port the URL does not name. HookDesk cannot ask PgBouncer itself (its
     * {@code SHOW} commands are for its admin console); a port forwarded by a firewall or a container looks the same,
     * and costs only that statements are not prepared on the server.
     */
    static boolean behindPooler(String url, int serverPort) {
        Set<Integer> ports = urlPorts(url);
        return !ports.isEmpty() && !ports.contains(serverPort);
    }
}
