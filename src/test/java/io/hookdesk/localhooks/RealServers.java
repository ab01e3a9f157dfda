package io.hookdesk.localhooks;

import io.hookdesk.testing.ScopedFixture;
import io.hookdesk.testing.ShippedHooks;
import io.hookdesk.testing.TestDatabase;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A FreeRADIUS and a Dovecot of the tests' own, and a hooks directory whose {@code service_hook} is
 * {@code service_hook-example} provisioning them through {@code resources/radius-sql} and
 * {@code resources/mailbox-dovecot}.
 *
 * <p>FreeRADIUS runs from a copy of the Debian package's configuration with only {@code pap}, {@code sql} and what
 * they need, listening on a free loopback UDP port; its SQL module reads a database of its own in the tests' embedded
 * PostgreSQL, made from the schema FreeRADIUS ships. Dovecot runs with a configuration written here, its sockets in
 * the fixture's directory and no network listener (doveadm talks to its auth socket). Both run as the tests'
 * child processes and are stopped after. Without the Debian packages the tests are skipped, saying which.
 */
final class RealServers extends ScopedFixture {

    static final String RADIUS_SECRET = "testing123";
    static final Path FREERADIUS_CONF = Path.of("/etc/freeradius/3.0");
    static final Path FREERADIUS_SCHEMA = FREERADIUS_CONF.resolve("mods-config/sql/main/postgresql/schema.sql");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Path dir;
    private Path hooks;
    private String radiusDb;
    private int radiusPort;
    private Process freeradius;
    private Process dovecot;

    RealServers() {
        super(true, "hookdesk-real-servers");
    }

    /** The Debian packages the tests need, with the command or file that shows each is there. */
    static String missingPackages() {
        List<String> missing = new ArrayList<>();
        if (!onPath("freeradius") || !Files.exists(FREERADIUS_SCHEMA)) {
            missing.add("freeradius");
        }
        if (Stream.of("/usr/lib/freeradius/rlm_sql_postgresql.so", "/usr/lib/x86_64-linux-gnu/freeradius/rlm_sql_postgresql.so")
                .noneMatch(p -> Files.exists(Path.of(p)))) {
            missing.add("freeradius-postgresql");
        }
        if (!onPath("radtest")) {
            missing.add("freeradius-utils");
        }
        if (!onPath("dovecot") || !onPath("doveadm")) {
            missing.add("dovecot-core");
        }
        if (!onPath("psql")) {
            missing.add("postgresql-client");
        }
        return String.join(" ", missing);
    }

    private static boolean onPath(String command) {
        return Files.isExecutable(Path.of(executable(command)));
    }

    /** The command's full path: daemons live in /usr/sbin, which a non-login root shell may not have on PATH. */
    private static String executable(String command) {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)),
                        Stream.of("/usr/sbin", "/usr/bin"))
                .map(d -> Path.of(d, command)).filter(Files::isExecutable).findFirst().map(Path::toString).orElse(command);
    }

    @Override
    protected void start(Path dir) throws Exception {
        String missing = missingPackages();
        assumeTrue(missing.isEmpty(), "skipped: these Debian packages are not installed: " + missing
                + " (.ci/run installs them; by hand: apt-get install " + missing + ")");
        this.dir = dir;
        // Dovecot's unprivileged processes must reach their sockets below this directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        createRadiusDatabase();
        hooks = installHooks();
        startFreeradius();
        startDovecot();
    }

    @Override
    protected void stop() throws Exception {
        stopProcess(freeradius);
        stopProcess(dovecot);
        freeradius = null;
        dovecot = null;
    }

    Path hooks() {
        return hooks;
    }

    Path passwdFile() {
        return dir.resolve("dovecot/users");
    }

    Path homes() {
        return dir.resolve("vmail");
    }

    // ---- the RADIUS database

    private void createRadiusDatabase() throws Exception {
        radiusDb = "radius_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(TestDatabase.url("postgres"), "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + radiusDb);
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hookdesk_provision') THEN "
                    + "CREATE ROLE hookdesk_provision LOGIN PASSWORD 'provision-secret'; END IF; END $$");
        }
        psqlAsAdmin("-f", FREERADIUS_SCHEMA.toString());
        psqlAsAdmin("-f", ShippedHooks.SHIPPED.resolve("resources/radius-sql.sql").toString());
        // The grants radius-sql.sql recommends, so the tests prove they are enough; and the suspended group.
        psqlAsAdmin("-c", """
                GRANT SELECT, INSERT, UPDATE, DELETE ON radcheck, radreply, radusergroup, hookdesk_login TO hookdesk_provision;
                GRANT USAGE ON SEQUENCE radcheck_id_seq, radreply_id_seq, radusergroup_id_seq TO hookdesk_provision;
                INSERT INTO radgroupcheck (groupname, attribute, op, value) VALUES ('suspended', 'Auth-Type', ':=', 'Reject');
                """);
    }

    private void psqlAsAdmin(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "localhost",
                "-p", Integer.toString(TestDatabase.port()), "-U", "postgres", "-d", radiusDb));
        command.addAll(List.of(args));
        Run r = run(command, Path.of("."));
        if (r.exit() != 0) {
            throw new IllegalStateException("psql " + String.join(" ", args) + " failed: " + r.output());
        }
    }

    String radiusDatabaseUrl() {
        return TestDatabase.url(radiusDb);
    }

    /** Rows of the RADIUS tables radius-sql writes, ids left out (a rename back keeps rows, a re-open makes new ones). */
    List<String> radiusRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(radiusDatabaseUrl(), "postgres", null);
             Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT 'radcheck', username, attribute, op, value FROM radcheck",
                    "SELECT 'radreply', username, attribute, op, value FROM radreply",
                    "SELECT 'radusergroup', username, groupname, priority::text, '' FROM radusergroup",
                    "SELECT 'hookdesk_login', username, service::text, '', '' FROM hookdesk_login")) {
                try (ResultSet rs = s.executeQuery(sql + " ORDER BY 2, 3, 4, 5")) {
                    while (rs.next()) {
                        rows.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
            }
        }
        return rows;
    }

    // ---- the hooks directory

    private Path installHooks() throws IOException {
        Path local = ShippedHooks.copyTo(dir.resolve("local"));
        Files.copy(local.resolve("service_hook-example"), local.resolve("service_hook"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(local.resolve("provisioning.conf"), "radius = radius-sql\nmailbox = mailbox-dovecot\n");
        radiusSettings(local, dir.resolve("radius.pgpass"));
        Files.createDirectories(dir.resolve("dovecot"));
        Files.createDirectories(homes());
        // nobody:nogroup owns the mail, as vmail would; the hook runs as root here and hands the maildir over.
        Files.writeString(local.resolve("mailbox.conf"), """
                passwd_file = %s
                homes = %s
                uid = 65534
                gid = 65534
                """.formatted(passwdFile(), homes()));
        return local;
    }

    /** radius.conf in {@code local} naming the tests' RADIUS database, and {@code pgpass} (0600) with its password. */
    private void radiusSettings(Path local, Path pgpass) throws IOException {
        Files.writeString(pgpass, "localhost:" + TestDatabase.port() + ":" + radiusDb + ":hookdesk_provision:provision-secret\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(local.resolve("radius.conf"), """
                # the tests' FreeRADIUS database
                host = localhost
                port = %d
                database = %s
                user = hookdesk_provision
                passfile = %s
                """.formatted(TestDatabase.port(), radiusDb, pgpass));
    }

    /**
     * The same service_hook, provisioning RADIUS only, in {@code hooks}: the hooks directory of a runner that runs hooks
     * as {@code owner} ({@code account:}, {@code ssh://}). Its radius.conf and the RADIUS database's password file lie
     * inside it, everything owned by {@code owner} and the directory 0700: the provisioning secret is where only the hook
     * account can read it.
     */
    void installRunnerHooks(Path hooks, String owner) throws Exception {
        Path local = ShippedHooks.copyTo(hooks);
        Files.copy(local.resolve("service_hook-example"), local.resolve("service_hook"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(local.resolve("provisioning.conf"), "radius = radius-sql\n");
        radiusSettings(local, local.resolve("radius.pgpass"));
        Run chown = run(List.of("chown", "-R", owner + ":" + owner, local.toString()), dir);
        if (chown.exit() != 0) {
            throw new IllegalStateException("cannot give " + local + " to " + owner + ": " + chown.output());
        }
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwx------"));
    }

    // ---- FreeRADIUS

    private void startFreeradius() throws Exception {
        Path conf = dir.resolve("raddb");
        Run copy = run(List.of("cp", "-a", FREERADIUS_CONF + "/.", conf.toString()), dir);
        if (copy.exit() != 0) {
            throw new IllegalStateException("cannot copy " + FREERADIUS_CONF + ": " + copy.output());
        }
        for (String enabled : List.of("mods-enabled", "sites-enabled")) {
            try (Stream<Path> files = Files.list(conf.resolve(enabled))) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
        for (String module : List.of("pap", "always", "expr")) {
            Files.copy(conf.resolve("mods-available").resolve(module), conf.resolve("mods-enabled").resolve(module));
        }
        Files.createDirectories(conf.resolve("log"));
        Files.createDirectories(conf.resolve("run"));
        String radiusd = Files.readString(conf.resolve("radiusd.conf"))
                .replaceAll("(?m)^raddbdir = .*$", "raddbdir = " + conf)
                .replaceAll("(?m)^logdir = .*$", "logdir = " + conf.resolve("log"))
                .replaceAll("(?m)^run_dir = .*$", "run_dir = " + conf.resolve("run"))
                // as root, stay root: the freerad user could not read this directory
                .replaceAll("(?m)^(\\s*)(user|group) = freerad\\s*$", "$1# $2 = freerad")
                // answer a reject at once rather than after the default second
                .replaceAll("(?m)^(\\s*)reject_delay = .*$", "$1reject_delay = 0");
        Files.writeString(conf.resolve("radiusd.conf"), radiusd);
        Files.writeString(conf.resolve("clients.conf"), """
                client localhost {
                	ipaddr = 127.0.0.1
                	secret = %s
                }
                """.formatted(RADIUS_SECRET));
        Files.writeString(conf.resolve("mods-enabled/sql"), """
                sql {
                	dialect = "postgresql"
                	driver = "rlm_sql_${dialect}"
                	server = "127.0.0.1"
                	port = %d
                	login = "postgres"
                	password = ""
                	radius_db = "%s"
                	acct_table1 = "radacct"
                	acct_table2 = "radacct"
                	postauth_table = "radpostauth"
                	authcheck_table = "radcheck"
                	groupcheck_table = "radgroupcheck"
                	authreply_table = "radreply"
                	groupreply_table = "radgroupreply"
                	usergroup_table = "radusergroup"
                	read_groups = yes
                	read_clients = no
                	client_table = "nas"
                	group_attribute = "SQL-Group"
                	pool {
                		start = 1
                		min = 1
                		max = 4
                		spare = 1
                		uses = 0
                		retry_delay = 1
                		lifetime = 0
                		idle_timeout = 60
                	}
                	$INCLUDE ${modconfdir}/${.:name}/main/${dialect}/queries.conf
                }
                """.formatted(TestDatabase.port(), radiusDb));
        radiusPort = freeUdpPort();
        Files.writeString(conf.resolve("sites-enabled/hookdesk"), """
                server hookdesk {
                	listen {
                		type = auth
                		ipaddr = 127.0.0.1
                		port = %d
                	}
                	authorize {
                		sql
                		pap
                	}
                	authenticate {
                		Auth-Type PAP {
                			pap
                		}
                	}
                }
                """.formatted(radiusPort));
        Path log = dir.resolve("freeradius.log");
        freeradius = new ProcessBuilder(executable("freeradius"), "-f", "-d", conf.toString(), "-l", "stdout")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitLine(freeradius, log, "Ready to process requests");
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Whether FreeRADIUS accepts LOGIN with PASSWORD, asked as a NAS would (PAP): with radtest, or, for a password
     * with a double quote or backslash (which radtest pastes into radclient's input unescaped), with radclient itself
     * and the value escaped.
     */
    boolean radiusAccepts(String login, String password) throws Exception {
        Run r;
        if (password.contains("\"") || password.contains("\\")) {
            Path request = Files.createTempFile(dir, "radclient", ".txt");
            Files.writeString(request, "User-Name = \"" + login + "\"\nUser-Password = \""
                    + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
            r = run(List.of("radclient", "-x", "-f", request.toString(), "127.0.0.1:" + radiusPort, "auth", RADIUS_SECRET), dir);
        } else {
            r = run(List.of("radtest", login, password, "127.0.0.1:" + radiusPort, "0", RADIUS_SECRET), dir);
        }
        if (r.output().contains("Received Access-Accept")) {
            return true;
        }
        if (r.output().contains("Received Access-Reject")) {
            return false;
        }
        throw new IllegalStateException("radtest got no answer: " + r.output() + "\n--- freeradius.log\n"
                + Files.readString(dir.resolve("freeradius.log")));
    }

    // ---- Dovecot

    private void startDovecot() throws Exception {
        Path conf = dir.resolve("dovecot/dovecot.conf");
        Files.writeString(passwdFile(), "");
        Files.writeString(conf, """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                protocols =
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain
                auth_verbose = yes
                default_internal_user = dovecot
                default_login_user = dovenull
                passdb {
                  driver = passwd-file
                  args = %2$s
                }
                userdb {
                  driver = passwd-file
                  args = %2$s
                }
                mail_location = maildir:~/Maildir
                """.formatted(dir.resolve("dovecot"), passwdFile()));
        dovecot = new ProcessBuilder(executable("dovecot"), "-F", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dovecot/stdout.log").toFile()).start();
        Path socket = dir.resolve("dovecot/run/auth-client");
        for (int i = 0; i < 300 && !Files.exists(socket); i++) {
            if (!dovecot.isAlive()) {
                throw new IllegalStateException("dovecot stopped: " + Files.readString(dir.resolve("dovecot/stdout.log")));
            }
            Thread.sleep(100);
        }
        if (!Files.exists(socket)) {
            throw new IllegalStateException("dovecot did not open " + socket);
        }
    }

    /**
     * Whether Dovecot accepts LOGIN with PASSWORD ({@code doveadm auth test}), waiting up to three seconds for the
     * answer to become {@code expected}: Dovecot looks at its passwd-file at most once a second, so a change made in
     * the second of the previous look-up shows from the next one.
     */
    boolean dovecotAccepts(String login, String password, boolean expected) throws Exception {
        boolean accepted = false;
        for (int i = 0; i < 30; i++) {
            Run r = run(List.of("doveadm", "-c", dir.resolve("dovecot/dovecot.conf").toString(), "auth", "test", login,
                    password), dir);
            if (r.output().contains("auth succeeded")) {
                accepted = true;
            } else if (r.output().contains("auth failed")) {
                accepted = false;
            } else {
                throw new IllegalStateException("doveadm auth test got no answer: " + r.output());
            }
            if (accepted == expected) {
                return accepted;
            }
            Thread.sleep(100);
        }
        return accepted;
    }

    // ---- processes

    record Run(int exit, String output) {
    }

    static Run run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Run(p.exitValue(), output);
    }

    private static void awaitLine(Process p, Path log, String line) throws Exception {
        for (int i = 0; i < 300; i++) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the server stopped before it was ready:\n" + text);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server was not ready in 30 s:\n" + Files.readString(log));
    }

    private static void stopProcess(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
