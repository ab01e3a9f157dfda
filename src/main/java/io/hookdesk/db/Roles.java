package io.hookdesk.db;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Who may see stored secrets: a supervisor is a database user that is a member of the PostgreSQL role
 * {@value #SUPERVISOR}, or a superuser. The database decides, not the workstation, so a CSR cannot make themselves
 * one by editing a file; the DBA grants it ({@code GRANT hookdesk_supervisor TO alice}). Until that role exists,
 * only superusers are supervisors (the embedded demo database connects as one).
 */
public final class Roles {

    /** The role whose members may reveal secrets in the environment panel, the form and {@code hookdesk env}. */
    public static final String SUPERVISOR = "hookdesk_supervisor";

    private final String role;

    public Roles() {
        this(SUPERVISOR);
    }

    /** With another role name: tests, which share one server whose roles are global. */
    Roles(String role) {
        this.role = role;
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
