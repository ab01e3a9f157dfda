package io.hookdesk.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JDBC URL may show and what it says about TLS. A password inside a URL ({@code ?password=...}) is masked
 * wherever a URL is shown, logged or saved ({@link #masked}); a connection to another machine that does not verify
 * the server's certificate ({@code sslmode} other than {@code verify-full} or {@code verify-ca}) is named
 * ({@link #unverifiedTls}), for {@code db check} and the status bar.
 */
public final class JdbcUrls {

    private static final Pattern PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern HOSTS = Pattern.compile("(?i)^jdbc:postgresql://([^/?]*)");
    /** Up to the next parameter, or the end of the URL: a description goes on after it ("... as alice"). */
    private static final Pattern SSLMODE = Pattern.compile("(?i)[?&;]sslmode=([^&;\\s]*)");

    private JdbcUrls() {
    }

    /** {@code url} with any {@code password=} value replaced by the mask; null stays null. */
    public static String masked(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1********");
    }

    /** {@code url} without its {@code password=} parameter: what a saved profile keeps. */
    public static String withoutPassword(String url) {
        if (url == null) {
            return null;
        }
        String s = Pattern.compile("(?i)password=[^&;]*[&;]?").matcher(url).replaceAll("");
        return s.replaceFirst("[?&;]$", "");
    }

    /**
     * A warning when {@code url} reaches a server on another machine without verifying its certificate, else empty.
     * Loopback addresses and Unix sockets need no TLS; {@code verify-full} (or {@code verify-ca}, which checks the
     * issuer but not the name) is verified.
     */
    public static Optional<String> unverifiedTls(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher h = HOSTS.matcher(url);
        if (!h.find()) {
            return Optional.empty();
        }
        String hosts = h.group(1);
        boolean remote = false;
        for (String hostPort : hosts.split(",")) {
            String host = hostPort.startsWith("[") ? hostPort.substring(1, Math.max(1, hostPort.indexOf(']')))
                    : hostPort.replaceFirst(":\\d*$", "");
            remote |= !loopback(host);
        }
        if (!remote) {
            return Optional.empty();
        }
        Matcher m = SSLMODE.matcher(url);
        String mode = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "prefer";
        if (mode.equals("verify-full") || mode.equals("verify-ca")) {
            return Optional.empty();
        }
        return Optional.of("the connection to " + hosts + " does not verify the server (sslmode=" + mode + "): the password "
                + "and every record could be read or changed on the way; add sslmode=verify-full&sslrootcert=FILE to the URL");
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.isEmpty() || h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.startsWith("/");
    }
}
