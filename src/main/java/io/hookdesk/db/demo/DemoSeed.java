package io.hookdesk.db.demo;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The embedded database's demo data, all or nothing and exactly once. The data and the marker that says it is there
 * ({@code hookdesk.demo_seed}) commit in one transaction, so a first start killed at any moment leaves either no demo
 * data and no marker (the next start seeds) or both; an advisory lock makes processes that start together on a new
 * home seed once. Deciding by the marker rather than by "the cluster was just created" is what lets the next start
 * finish the job.
 */
public final class DemoSeed {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('hookdesk demo seed'))";

    private DemoSeed() {
    }

    /**
     * Seeds {@link DemoData#SMALL} services unless done before; true if it seeded now. A database that already has
     * services but no marker (made by an earlier HookDesk, which seeded in one transaction too) only gets the marker.
     */
    public static boolean seedOnce(DSLContext dsl) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.execute(LOCK);
            // hookdesk.demo_seed comes with the demo tables' migrations (db/demo V4).
            if (tx.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("hookdesk", "demo_seed"))))) {
                return false;
            }
            boolean earlier = tx.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("service"))));
            if (!earlier) {
                new DemoData(tx).seed(DemoData.SMALL, progress -> { });
            }
            tx.execute("INSERT INTO hookdesk.demo_seed (services) VALUES (" + (earlier ? 0 : DemoData.SMALL) + ")");
            return !earlier;
        });
    }
}
