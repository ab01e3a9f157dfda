package io.hookdesk.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code hook.runner} ({@code --hook-runner}, {@code HOOKDESK_HOOK_RUNNER}): where hooks run and as whom.
 * <ul>
 *   <li>{@code local}: on this workstation as the user running HookDesk (the default);</li>
 *   <li>{@code account:NAME}: on this workstation as the OS account NAME, through {@code sudo -n -u NAME} and HookDesk's
 *       runner ({@code hookdesk runhook --serve DIR});</li>
 *   <li>{@code ssh://[USER@]HOST[:PORT]/PATH}: on HOST, from PATH, through the same runner over one SSH connection.</li>
 * </ul>
 *
 * @param account the hook account ({@code account:}); null otherwise
 * @param user    the SSH user, or null for ssh's own choice; {@code host}, {@code port} (0: ssh's own) and
 *                {@code path} likewise for {@code ssh://}
 */
public record HookRunnerSetting(Kind kind, String text, String account, String user, String host, int port, Path path) {

    public enum Kind { LOCAL, ACCOUNT, SSH }

    public static final HookRunnerSetting LOCAL = new HookRunnerSetting(Kind.LOCAL, "local", null, null, null, 0, null);

    /** Account names as useradd takes them, and nothing a shell or sudo could read as more. */
    private static final String ACCOUNT = "[a-z_][a-z0-9_-]{0,31}";

    /** Parses the setting; a bad one is refused naming the setting and the forms it takes. */
    public static HookRunnerSetting parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("local")) {
            return LOCAL;
        }
        String t = text.trim();
        if (t.toLowerCase(Locale.ROOT).startsWith("account:")) {
            String account = t.substring("account:".length());
            if (!account.matches(ACCOUNT)) {
                throw bad(t, "'" + account + "' is not an account name (lower-case letters, digits, _ and -)");
            }
            return new HookRunnerSetting(Kind.ACCOUNT, "account:" + account, account, null, null, 0, null);
        }
        if (t.toLowerCase(Locale.ROOT).startsWith("ssh://")) {
            URI uri;
            try {
                uri = new URI(t);
            } catch (URISyntaxException e) {
                throw bad(t, e.getMessage());
            }
            if (uri.getHost() == null || uri.getHost().startsWith("-")) {
                throw bad(t, "it names no host");
            }
            String path = uri.getPath();
            if (path == null || path.length() < 2 || uri.getQuery() != null || uri.getFragment() != null) {
                throw bad(t, "it names no hooks directory on the host (ssh://billing/usr/local/billmax/local)");
            }
            String user = uri.getUserInfo();
            if (user != null && !user.matches(ACCOUNT)) {
                throw bad(t, "'" + user + "' is not a user name");
            }
            return new HookRunnerSetting(Kind.SSH, t, null, user, uri.getHost(), Math.max(uri.getPort(), 0),
                    Path.of(path).normalize());
        }
        throw bad(t, "it is none of local, account:NAME, ssh://[USER@]HOST[:PORT]/PATH");
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("hook runner '" + text + "' (hook.runner, --hook-runner, HOOKDESK_HOOK_RUNNER): "
                + why);
    }

    @Override
    public String toString() {
        return text;
    }
}
