package io.hookdesk.db.store;

import io.hookdesk.db.Database;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.testing.ScopedFixture;
import io.hookdesk.testing.TestDatabase;

import java.nio.file.Path;

/**
 * A demo database and a {@link RecordStore} over its catalogue, shared by a test class's tests: register it in a
 * static field with {@code @RegisterExtension}. For tests of the store's statements themselves.
 */
final class DemoStore extends ScopedFixture {

    Database db;
    RecordStore store;

    DemoStore() {
        super(true, "hookdesk-store-test");
    }

    @Override
    protected void start(Path dir) {
        db = TestDatabase.withDemoData();
        store = new RecordStore(Catalog.read(db.dsl()));
    }

    @Override
    protected void stop() {
        if (db != null) {
            db.close();
        }
    }
}
