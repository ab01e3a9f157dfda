package io.hookdesk.db.schema;

import io.hookdesk.model.HookedTable;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may see stored secrets: a supervisor is a database user that is a member of the PostgreSQL role
 * {@value #SUPERVISOR}, or a superuser. The database decides, not the workstation, so a CSR cannot make themselves
 * one by editing a file; the DBA grants it ({@code GRANT hookdesk_supervisor TO alice}). Until that role exists,
 * only superusers are supervisors (the embedded demo database connects as one).
 *
 * <p>{@link #setUp} ({@code hookdesk db roles}) creates the two roles with the least a CSR needs: {@value #CSR} may
 * read, create and change the hooked tables, read {@code servdef}, add audit rows (numbered and dated by the database) and read them; it may not create
 * anything, nor change, delete or truncate the audit. {@value #SUPERVISOR} has all of that, and reveal.
 */
public final class Roles {

    /** The role whose members may reveal secrets in the environment panel, the form and {@code hookdesk env}. */
    public static final String SUPERVISOR = "hookdesk_supervisor";

    /** The role a CSR's login is granted: what the desktop and the command line need to save, nothing more. */
    public static final String CSR = "hookdesk_csr";

    /**
     * The columns of {@code hookdesk.hook_run} a CSR's login may fill: not {@code id}, {@code started_at},
     * {@code db_user} or {@code written_in}, which the database sets (the same list is in migration 3).
     */
    static final List<String> AUDIT_COLUMNS_A_CSR_WRITES = List.of("table_name", "record_number", "operation", "csr",
            "origin", "duration_ms", "hook_path", "exit_code", "signal", "outcome", "message", "stdout", "stderr",
            "environment");

    private final String role;

    public Roles() {
        this(SUPERVISOR);
    }

    /** With another role name: tests, which share one server whose roles are global. */
    Roles(String role) {
        this.role = role;
    }

    /**
     * Creates {@value #CSR} and {@value #SUPERVISOR} if they do not exist and grants them what they need, on the
     * hooked tables where the catalogue found them. Safe to run again (after an upgrade, after tables were added):
     * grants are only ever added. Runs as one transaction; returns the statements, for the administrator to read.
     */
    public static List<String> setUp(DSLContext dsl, Tables tables) {
        List<String> done = new ArrayList<>();
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (String r : List.of(CSR, SUPERVISOR)) {
                if (tx.fetchOne("SELECT to_regrole(?) IS NULL", r).get(0, Boolean.class)) {
                    run(tx, done, "CREATE ROLE " + r + " NOLOGIN");
                }
            }
            run(tx, done, "GRANT " + CSR + " TO " + SUPERVISOR);
            run(tx, done, "GRANT USAGE ON SCHEMA " + SchemaMigrations.SCHEMA + " TO " + CSR);
            run(tx, done, "GRANT SELECT ON " + SchemaMigrations.SCHEMA + ".flyway_schema_history TO " + CSR);
            // Never INSERT on the whole table: an explicit id would jam every later save, a chosen time would forge
            // history. The database numbers and dates each row (migration 3); a CSR fills only the columns below.
            run(tx, done, "REVOKE INSERT ON " + SchemaMigrations.SCHEMA + ".hook_run FROM " + CSR);
            run(tx, done, "GRANT SELECT ON " + SchemaMigrations.SCHEMA + ".hook_run TO " + CSR);
            run(tx, done, "GRANT INSERT (" + String.join(", ", AUDIT_COLUMNS_A_CSR_WRITES) + ") ON "
                    + SchemaMigrations.SCHEMA + ".hook_run TO " + CSR);
            run(tx, done, "GRANT EXECUTE ON FUNCTION " + SchemaMigrations.SCHEMA
                    + ".finish_run(bigint, varchar, text, integer, integer, bigint, text, text) TO " + CSR);
            if (tx.fetchOne("SELECT to_regclass(?) IS NOT NULL", SchemaMigrations.SCHEMA + ".demo_schema_history").get(0, Boolean.class)) {
                run(tx, done, "GRANT SELECT ON " + SchemaMigrations.SCHEMA + ".demo_schema_history TO " + CSR);
            }
            for (HookedTable t : HookedTable.values()) {
                if (tables.available(t)) {
                    grantOn(tx, done, tables.meta(t).schema(), t.sqlName(), "SELECT, INSERT, UPDATE");
                }
            }
            tables.servdef().ifPresent(servdef -> grantOn(tx, done, servdef.schema(), Tables.SERVDEF, "SELECT"));
        });
        return done;
    }

    /** Grants on one table, its schema's USAGE where the role lacks it, and the sequences its defaults draw from. */
    private static void grantOn(DSLContext tx, List<String> done, String schema, String table, String privileges) {
        String qualified = DSL.name(schema, table).toString();
        if (!tx.fetchOne("SELECT has_schema_privilege(?, ?, 'USAGE')", CSR, schema).get(0, Boolean.class)) {
            run(tx, done, "GRANT USAGE ON SCHEMA " + DSL.name(schema) + " TO " + CSR);
        }
        run(tx, done, "GRANT " + privileges + " ON " + qualified + " TO " + CSR);
        if (privileges.contains("INSERT")) {
            for (String sequence : tx.fetch("""
                    SELECT DISTINCT d.refobjid::regclass::text FROM pg_depend d
                      JOIN pg_attrdef a ON a.oid = d.objid JOIN pg_class s ON s.oid = d.refobjid
                     WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass
                       AND s.relkind = 'S' AND a.adrelid = ?::regclass ORDER BY 1""", qualified).getValues(0, String.class)) {
                run(tx, done, "GRANT USAGE, SELECT ON SEQUENCE " + sequence + " TO " + CSR);
            }
        }
    }

    private static void run(DSLContext tx, List<String> done, String sql) {
        tx.execute(sql);
        done.add(sql);
    }

    /** Whether the connection's user is a supervisor. One round trip; the answer holds until roles are changed. */
    public boolean supervisor(DSLContext dsl) {
        // CASE, not AND: pg_has_role raises an error for a role that does not exist, and AND may evaluate either side first.
        Boolean answer = dsl.select(DSL.field(DSL.sql("""
                        CASE WHEN to_regrole({0}::text) IS NULL
                             THEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                             ELSE pg_has_role(current_user, {0}::text, 'MEMBER')
                        END""", DSL.val(role)), SQLDataType.BOOLEAN))
                .fetchOne(0, Boolean.class);
        return Boolean.TRUE.equals(answer);
    }
}
