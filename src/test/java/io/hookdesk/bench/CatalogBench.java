package io.hookdesk.bench;

import io.hookdesk.db.Database;
import io.hookdesk.db.schema.Catalog;

import java.util.Locale;
import java.util.Map;

/**
 * What connecting costs to learn the database's tables: {@link Catalog#read}, the one catalogue statement for the ten
 * hooked tables and servdef, on the million-service database over a pooled connection (as the desktop's and every
 * command's start does it). The reference in the same rounds is {@code SELECT 1}: a round trip that reads nothing.
 */
final class CatalogBench {

    static final String SECTION = "Reading the schema at connect";

    private final Database database;
    private final int rounds;

    CatalogBench(Database database, int rounds) {
        this.database = database;
        this.rounds = rounds;
    }

    void run(Report report, int scale) throws Exception {
        int[] columns = {0};
        Map<String, Samples> s = new Rounds()
                .add("round trip", () -> {
                    long t0 = System.nanoTime();
                    database.dsl().fetchOne("SELECT 1");
                    return System.nanoTime() - t0;
                })
                .add("catalogue", () -> {
                    long t0 = System.nanoTime();
                    var tables = Catalog.read(database.dsl());
                    long took = System.nanoTime() - t0;
                    columns[0] = tables.meta(io.hookdesk.model.HookedTable.SERVICE).columns().size();
                    return took;
                })
                .run(20, rounds);
        Samples catalogue = s.get("catalogue");
        report.add(new Result("schema read at connect (p95)", "<= 300 ms", "ms", Double.NaN, catalogue.p95Ms(),
                Result.Kind.AT_MOST, 300, null));
        report.detail(SECTION, String.format(Locale.ROOT, "Catalog.read on the %,d-service database (service: %d columns): %s",
                scale, columns[0], catalogue.describe()));
        report.detail(SECTION, "reference, SELECT 1 on the same pool: " + s.get("round trip").describe());
    }
}
