package io.hookdesk.db.schema;

import io.hookdesk.db.Database;
import io.hookdesk.testing.TestDatabase;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is a supervisor, asked of a real PostgreSQL. Roles belong to the whole test server, so each name here is
 * unique to this run, and the supervisor role is passed in rather than the real {@code hookdesk_supervisor}.
 */
class RolesTest {

    private static final String RUN = "r" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    private static final String SUPERVISORS = "sup_" + RUN;
    private static final String TEAM = "team_" + RUN;
    private static final String BOSS = "boss_" + RUN;
    private static final String LEAD = "lead_" + RUN;
    private static final String CSR = "csr_" + RUN;

    private static Database db;

    @BeforeAll
    static void roles() {
        db = TestDatabase.fresh();
        for (String role : List.of(SUPERVISORS, TEAM, BOSS, LEAD, CSR)) {
            db.dsl().execute("CREATE ROLE " + role + " NOLOGIN");
        }
        db.dsl().execute("GRANT " + SUPERVISORS + " TO " + BOSS);
        db.dsl().execute("GRANT " + SUPERVISORS + " TO " + TEAM);
        db.dsl().execute("GRANT " + TEAM + " TO " + LEAD);
    }

    @AfterAll
    static void dropRoles() {
        for (String role : List.of(LEAD, BOSS, CSR, TEAM, SUPERVISORS)) {
            db.dsl().execute("DROP ROLE IF EXISTS " + role);
        }
        db.close();
    }

    /** Asks as {@code user}, the way a CSR's own database login would be asked. */
    private static boolean supervisor(String user, Roles roles) {
        return db.dsl().transactionResult(cfg -> {
            DSL.using(cfg).execute("SET LOCAL ROLE " + user);
            return roles.supervisor(DSL.using(cfg));
        });
    }

    @Test
    void aMemberOfTheSupervisorRoleIsASupervisor() {
        assertThat(supervisor(BOSS, new Roles(SUPERVISORS))).isTrue();
    }

    @Test
    void membershipThroughAnotherRoleCounts() {
        assertThat(supervisor(LEAD, new Roles(SUPERVISORS))).isTrue();
    }

    @Test
    void aUserOutsideTheRoleIsNot() {
        assertThat(supervisor(CSR, new Roles(SUPERVISORS))).isFalse();
    }

    @Test
    void withoutTheRoleOnlySuperusersAreSupervisors() {
        Roles absent = new Roles("absent_" + RUN);

        assertThat(supervisor(CSR, absent)).isFalse();
        assertThat(absent.supervisor(db.dsl())).as("the test server connects as the superuser postgres").isTrue();
    }
}
