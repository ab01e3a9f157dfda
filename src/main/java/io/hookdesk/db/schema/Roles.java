package io.hookdesk.db.schema;

import io.hookdesk.model.HookedTable;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
     * {@code db_user} or {@code written_in}, which the database sets (the same list is in migration 3, and
     * {@code hook_runner} in migration 5, {@code cascade_id} in migration 6).
     */
    static final List<String> AUDIT_COLUMNS_A_CSR_WRITES = List.of("table_name", "record_number", "operation", "csr",
            "origin", "duration_ms", "hook_path", "exit_code", "signal", "outcome", "message", "stdout", "stderr",
            "environment", "hook_runner", "cascade_id");

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
        return setUp(dsl, tables, true);
    }

    /**
     * {@link #setUp}, or with {@code execute} false only the statements it would run, in order, nothing changed (the
     * catalogue is read to decide, as the real run does). Grants on BillMax's objects name them with their schema
     * (the one {@link Tables#schema()} resolved), never through the login's {@code search_path}.
     */
    public static List<String> setUp(DSLContext dsl, Tables tables, boolean execute) {
        Statements done = new Statements(execute);
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (String r : List.of(CSR, SUPERVISOR)) {
                if (tx.fetchOne("SELECT to_regrole(?) IS NULL", r).get(0, Boolean.class)) {
                    run(tx, done, "CREATE ROLE " + r + " NOLOGIN");
                }
            }
            // Only where it is not yet so: granting a membership again needs ADMIN OPTION on the role, which a
            // CREATEROLE login has only on the roles it made itself.
            if (!isMember(tx, SUPERVISOR, CSR)) {
                run(tx, done, "GRANT " + CSR + " TO " + SUPERVISOR);
            }
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

    /**
     * Undoes {@link #setUp} ({@code hookdesk db roles --revoke}): revokes what {@value #CSR} was granted on the resolved
     * BillMax tables, their sequences and schema, and on HookDesk's own schema, then drops both roles where no login is
     * still a member (a role with members is kept, and said so). With {@code execute} false, only the statements.
     */
    public static Revocation revoke(DSLContext dsl, Tables tables, boolean execute) {
        Statements done = new Statements(execute);
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            if (tx.fetchOne("SELECT to_regrole(?) IS NULL", CSR).get(0, Boolean.class)) {
                return;
            }
            Set<String> schemas = new LinkedHashSet<>();
            for (HookedTable t : HookedTable.values()) {
                if (tables.available(t)) {
                    String schema = tables.meta(t).schema();
                    schemas.add(schema);
                    String qualified = DSL.name(schema, t.sqlName()).toString();
                    run(tx, done, "REVOKE ALL ON " + qualified + " FROM " + CSR);
                    for (String sequence : sequences(tx, qualified)) {
                        run(tx, done, "REVOKE ALL ON SEQUENCE " + sequence + " FROM " + CSR);
                    }
                }
            }
            tables.servdef().ifPresent(servdef -> {
                schemas.add(servdef.schema());
                run(tx, done, "REVOKE ALL ON " + DSL.name(servdef.schema(), Tables.SERVDEF) + " FROM " + CSR);
            });
            for (String schema : schemas) {
                run(tx, done, "REVOKE USAGE ON SCHEMA " + DSL.name(schema) + " FROM " + CSR);
            }
            String own = SchemaMigrations.SCHEMA;
            run(tx, done, "REVOKE ALL ON ALL TABLES IN SCHEMA " + own + " FROM " + CSR);
            run(tx, done, "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA " + own + " FROM " + CSR);
            run(tx, done, "REVOKE USAGE ON SCHEMA " + own + " FROM " + CSR);
            if (isMember(tx, SUPERVISOR, CSR)) {
                run(tx, done, "REVOKE " + CSR + " FROM " + SUPERVISOR);
            }
            for (String r : List.of(SUPERVISOR, CSR)) {
                if (tx.fetchOne("SELECT to_regrole(?) IS NULL", r).get(0, Boolean.class)) {
                    continue;
                }
                List<String> members = tx.fetch("SELECT m.member::regrole::text FROM pg_auth_members m "
                        + "WHERE m.roleid = to_regrole(?) ORDER BY 1", r).getValues(0, String.class);
                // Roles are the server's, not one database's: one still granted something in another database stays.
                List<String> elsewhere = tx.fetch("SELECT DISTINCT d.datname::text FROM pg_shdepend s JOIN pg_database d "
                        + "ON d.oid = s.dbid WHERE s.refclassid = 'pg_authid'::regclass AND s.refobjid = to_regrole(?) "
                        + "AND d.datname <> current_database() ORDER BY 1", r).getValues(0, String.class);
                if (!elsewhere.isEmpty()) {
                    done.kept.add(r + " is kept: it still holds privileges in database " + String.join(", ", elsewhere));
                } else if (members.isEmpty() || !execute && members.equals(List.of(SUPERVISOR)) && r.equals(CSR)) {
                    run(tx, done, "DROP ROLE " + r);
                } else {
                    done.kept.add(r + " is kept: " + String.join(", ", members) + (members.size() == 1 ? " is" : " are")
                            + " still a member (REVOKE " + r + " FROM ...; then hookdesk db roles --revoke again)");
                }
            }
        });
        return new Revocation(List.copyOf(done), List.copyOf(done.kept));
    }

    /** What {@link #revoke} ran (or would run), and what it left in place and why, one line each. */
    public record Revocation(List<String> statements, List<String> kept) {
    }

    private static boolean isMember(DSLContext tx, String member, String role) {
        return tx.fetchOne("SELECT EXISTS (SELECT 1 FROM pg_auth_members WHERE member = to_regrole(?) AND roleid = to_regrole(?))",
                member, role).get(0, Boolean.class);
    }

    /**
     * The sequences a table's column defaults draw from (serial columns), each named with its schema: regclass's own
     * text leaves the schema out when it is on the search path, and the grant would then go wherever the path leads.
     * (An identity column's sequence needs no grant: PostgreSQL draws from it for the table.)
     */
    private static List<String> sequences(DSLContext tx, String qualifiedTable) {
        return tx.fetch("""
                SELECT DISTINCT quote_ident(n.nspname) || '.' || quote_ident(s.relname) FROM pg_depend d
                  JOIN pg_attrdef a ON a.oid = d.objid JOIN pg_class s ON s.oid = d.refobjid
                  JOIN pg_namespace n ON n.oid = s.relnamespace
                 WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass
                   AND s.relkind = 'S' AND a.adrelid = ?::regclass ORDER BY 1""", qualifiedTable).getValues(0, String.class);
    }

    /** The statements run (or, in a dry run, to run), in order; and what was left in place. */
    private static final class Statements extends ArrayList<String> {
        final boolean execute;
        final List<String> kept = new ArrayList<>();

        Statements(boolean execute) {
            this.execute = execute;
        }
    }

    /** Grants on one table, its schema's USAGE where the role lacks it, and the sequences its defaults draw from. */
    private static void grantOn(DSLContext tx, List<String> done, String schema, String table, String privileges) {
        String qualified = DSL.name(schema, table).toString();
        // CASE: in a dry run the role may not exist yet, and has_schema_privilege raises an error for a missing role.
        if (!tx.fetchOne("SELECT CASE WHEN to_regrole(?) IS NULL THEN false ELSE has_schema_privilege(?, ?, 'USAGE') END",
                CSR, CSR, schema).get(0, Boolean.class)) {
            run(tx, done, "GRANT USAGE ON SCHEMA " + DSL.name(schema) + " TO " + CSR);
        }
        run(tx, done, "GRANT " + privileges + " ON " + qualified + " TO " + CSR);
        if (privileges.contains("INSERT")) {
            for (String sequence : sequences(tx, qualified)) {
                run(tx, done, "GRANT USAGE, SELECT ON SEQUENCE " + sequence + " TO " + CSR);
            }
        }
    }

    private static void run(DSLContext tx, List<String> done, String sql) {
        if (!(done instanceof Statements s) || s.execute) {
            tx.execute(sql);
        }
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
