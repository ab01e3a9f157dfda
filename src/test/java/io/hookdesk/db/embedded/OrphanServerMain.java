package io.hookdesk.db.embedded;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;

import java.nio.file.Path;

/** Started in a separate JVM by {@link EmbeddedServerTest} and killed with SIGKILL, to leave an orphaned postmaster. */
public final class OrphanServerMain {

    private OrphanServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Database db = Database.open(new DatabaseSettings(null, null, null, Path.of(args[0])));
        db.dsl().execute("INSERT INTO queue (name) VALUES ('written before the crash')");
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
